package com.dinsight.command.analysis;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.dinsight.api.Caller;
import com.dinsight.api.analysis.DescribeUpload;
import com.dinsight.api.analysis.FileParsed;
import com.dinsight.api.analysis.FileRejected;
import com.dinsight.api.analysis.FileUploaded;
import com.dinsight.api.analysis.MarkFileParsed;
import com.dinsight.api.analysis.RejectFile;
import com.dinsight.api.analysis.StoredFile;
import com.dinsight.api.analysis.UploadDescription;
import com.dinsight.api.analysis.UploadFile;
import com.dinsight.api.error.BusinessError;
import com.dinsight.api.error.ErrorCode;
import com.dinsight.command.error.Refusals;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One upload: its files (by hash, in merge order), its owner and dataset, and whether its content
 * parsed. It is parsed once; later analyses of it reuse the files.
 */
@Aggregate
class FileUpload {

    @AggregateIdentifier
    private UUID fileUploadId;
    private UUID ownerId;
    private UUID datasetId;
    private List<StoredFile> files;
    private boolean parsed;
    private boolean rejected;

    FileUpload() {
        // for Axon
    }

    @CommandHandler
    FileUpload(UploadFile command, Clock clock) {
        long total = command.files().stream().mapToLong(StoredFile::size).sum();
        apply(new FileUploaded(command.fileUploadId(), command.owner().userId(), command.datasetId(),
                List.copyOf(command.files()), total, clock.instant()));
    }

    @CommandHandler
    UploadDescription handle(DescribeUpload command) {
        Caller caller = command.caller();
        if (!(caller.isAdmin() || caller.userId().equals(ownerId))) {
            throw Refusals.refuse(new BusinessError(ErrorCode.NOT_FOUND,
                    "File upload " + fileUploadId + " does not exist", List.of()));
        }
        return new UploadDescription(fileUploadId, datasetId, ownerId, files, rejected);
    }

    @CommandHandler
    void handle(MarkFileParsed command, Clock clock) {
        if (!parsed && !rejected) {
            apply(new FileParsed(fileUploadId, command.columns(), command.rows(), command.features(), clock.instant()));
        }
    }

    @CommandHandler
    void handle(RejectFile command, Clock clock) {
        if (!parsed && !rejected) {
            apply(new FileRejected(fileUploadId, command.reason(), clock.instant()));
        }
    }

    @EventSourcingHandler
    void on(FileUploaded event) {
        fileUploadId = event.fileUploadId();
        ownerId = event.ownerId();
        datasetId = event.datasetId();
        files = event.files();
    }

    @EventSourcingHandler
    void on(FileParsed event) {
        parsed = true;
    }

    @EventSourcingHandler
    void on(FileRejected event) {
        rejected = true;
    }
}
