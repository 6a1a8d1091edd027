package io.ledgerflow.pong.service.game.persistence;

import io.ledgerflow.pong.service.game.Game;
import io.ledgerflow.pong.service.game.GameStatus;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.data.relational.core.sql.LockMode;
import org.springframework.data.relational.repository.Lock;
import org.springframework.data.repository.ListCrudRepository;

public interface GameRepository extends ListCrudRepository<Game, UUID> {

    Optional<Game> findByIdAndWorkspace(UUID id, String workspace);

    /** Reads the game and locks its row until the transaction ends: one join or leave at a time. */
    @Lock(LockMode.PESSIMISTIC_WRITE)
    Optional<Game> findForUpdateByIdAndWorkspace(UUID id, String workspace);

    List<Game> findByWorkspaceOrderByCreatedAtAscIdAsc(String workspace, Pageable page);

    long countByWorkspace(String workspace);

    long countByWorkspaceAndStatus(String workspace, GameStatus status);

    List<Game> findByStatus(GameStatus status);
}
