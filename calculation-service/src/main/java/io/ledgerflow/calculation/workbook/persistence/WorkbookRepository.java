package io.ledgerflow.calculation.workbook.persistence;

import io.ledgerflow.calculation.workbook.Workbook;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.data.relational.core.sql.LockMode;
import org.springframework.data.relational.repository.Lock;
import org.springframework.data.repository.ListCrudRepository;

public interface WorkbookRepository extends ListCrudRepository<Workbook, UUID> {

    Optional<Workbook> findByIdAndWorkspace(UUID id, String workspace);

    /** Reads the workbook and locks its row until the transaction ends: one writer at a time. */
    @Lock(LockMode.PESSIMISTIC_WRITE)
    Optional<Workbook> findForUpdateByIdAndWorkspace(UUID id, String workspace);

    List<Workbook> findByWorkspaceAndDeletedAtIsNullOrderByCreatedAtAscIdAsc(String workspace, Pageable page);

    long countByWorkspaceAndDeletedAtIsNull(String workspace);
}
