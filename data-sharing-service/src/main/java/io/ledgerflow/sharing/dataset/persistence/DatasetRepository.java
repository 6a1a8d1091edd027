package io.ledgerflow.sharing.dataset.persistence;

import io.ledgerflow.sharing.dataset.Dataset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.data.relational.core.sql.LockMode;
import org.springframework.data.relational.repository.Lock;
import org.springframework.data.repository.ListCrudRepository;

public interface DatasetRepository extends ListCrudRepository<Dataset, UUID> {

    Optional<Dataset> findByIdAndWorkspace(UUID id, String workspace);

    /** Reads the dataset and locks its row until the transaction ends: versions are numbered one publisher at a time. */
    @Lock(LockMode.PESSIMISTIC_WRITE)
    Optional<Dataset> findForUpdateByIdAndWorkspace(UUID id, String workspace);

    List<Dataset> findByWorkspaceOrderByCreatedAtAscIdAsc(String workspace, Pageable page);

    long countByWorkspace(String workspace);
}
