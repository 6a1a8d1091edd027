package io.ledgerflow.linking.link;

import io.ledgerflow.eventlog.outbox.Outbox;
import io.ledgerflow.eventlog.topic.Topics;
import io.ledgerflow.linking.document.KnownDocument;
import io.ledgerflow.linking.document.persistence.DocumentCatalogue;
import io.ledgerflow.linking.link.persistence.LinkRepository;
import io.ledgerflow.service.problem.ConflictException;
import io.ledgerflow.service.problem.InvalidInputException;
import io.ledgerflow.service.problem.NotFoundException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Link use cases: both ends must be documents linking knows in the workspace. */
@Service
public class Links {

    private static final String AGGREGATE = "link";

    private final LinkRepository links;
    private final DocumentCatalogue documents;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    Links(LinkRepository links, DocumentCatalogue documents, Outbox outbox) {
        this.links = links;
        this.documents = documents;
        this.outbox = outbox;
    }

    @Transactional
    public Link create(
            String workspace,
            String sourceType,
            UUID sourceDocumentId,
            String sourceRef,
            UUID destinationWorkbookId,
            String destinationCell) {
        if (!KnownDocument.WORKBOOK.equals(sourceType) && !KnownDocument.DATASET.equals(sourceType)) {
            throw new InvalidInputException("source.type", "a source is a workbook or a dataset, not " + sourceType);
        }
        if (documents.find(workspace, sourceType, sourceDocumentId).isEmpty()) {
            throw new InvalidInputException(
                    "source.documentId", "no " + sourceType + " " + sourceDocumentId + " in workspace " + workspace);
        }
        if (documents
                .find(workspace, KnownDocument.WORKBOOK, destinationWorkbookId)
                .isEmpty()) {
            throw new InvalidInputException(
                    "destination.workbookId", "no workbook " + destinationWorkbookId + " in workspace " + workspace);
        }
        if (KnownDocument.WORKBOOK.equals(sourceType)
                && sourceDocumentId.equals(destinationWorkbookId)
                && sourceRef.equalsIgnoreCase(destinationCell)) {
            throw new InvalidInputException("destination.cell", "a cell cannot be linked to itself");
        }
        if (links.existsByDestinationWorkbookIdAndDestinationCell(destinationWorkbookId, destinationCell)) {
            throw new ConflictException(
                    destinationCell + " of workbook " + destinationWorkbookId + " already has a link");
        }
        Link link = new Link(
                UUID.randomUUID(),
                workspace,
                sourceType,
                sourceDocumentId,
                sourceRef,
                destinationWorkbookId,
                destinationCell,
                clock.instant(),
                null,
                null);
        try {
            link = links.save(link);
        } catch (DuplicateKeyException e) {
            throw new ConflictException(
                    destinationCell + " of workbook " + destinationWorkbookId + " already has a link");
        }
        outbox.append(Topics.Linking.LINK_EVENTS, AGGREGATE, link.id().toString(), workspace, link.created());
        return link;
    }

    @Transactional(readOnly = true)
    public Link get(String workspace, UUID id) {
        return links.findByIdAndWorkspace(id, workspace)
                .orElseThrow(() -> new NotFoundException("link " + id + " does not exist in workspace " + workspace));
    }

    @Transactional(readOnly = true)
    public List<Link> list(String workspace, int page, int size) {
        return links.findByWorkspaceOrderByCreatedAtAscIdAsc(workspace, PageRequest.of(page, size));
    }

    @Transactional
    public void remove(String workspace, UUID id) {
        Link link = get(workspace, id);
        links.delete(link);
        outbox.append(Topics.Linking.LINK_EVENTS, AGGREGATE, id.toString(), workspace, link.removed());
    }
}
