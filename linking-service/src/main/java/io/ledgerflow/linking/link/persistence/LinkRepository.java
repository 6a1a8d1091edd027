package io.ledgerflow.linking.link.persistence;

import io.ledgerflow.linking.link.Link;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.ListCrudRepository;

public interface LinkRepository extends ListCrudRepository<Link, UUID> {

    Optional<Link> findByIdAndWorkspace(UUID id, String workspace);

    List<Link> findByWorkspaceOrderByCreatedAtAscIdAsc(String workspace, Pageable page);

    boolean existsByDestinationWorkbookIdAndDestinationCell(UUID destinationWorkbookId, String destinationCell);
}
