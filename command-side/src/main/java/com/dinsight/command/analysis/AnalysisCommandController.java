package com.dinsight.command.analysis;

import com.dinsight.api.Caller;
import com.dinsight.api.analysis.ColumnSelection;
import com.dinsight.api.analysis.DescribeUpload;
import com.dinsight.api.analysis.RunAnalysis;
import com.dinsight.api.analysis.StoredFile;
import com.dinsight.api.analysis.UploadDescription;
import com.dinsight.api.analysis.UploadFile;
import com.dinsight.api.config.ConfigVersion;
import com.dinsight.api.config.ConfigurationIds;
import com.dinsight.api.config.ProcessingConfig;
import com.dinsight.api.config.ResolveConfig;
import com.dinsight.api.dataset.CheckDatasetAccess;
import com.dinsight.api.dataset.CreateDataset;
import com.dinsight.api.error.ApiException;
import com.dinsight.api.error.ErrorCode;
import com.dinsight.api.error.FieldError;
import com.dinsight.blob.BlobStore;
import com.dinsight.command.request.UploadedParts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Uploads and analysis runs. An upload answers 202 as soon as its bytes are stored and recorded;
 * parsing and the analysis run on a worker, followed through GET /analyses/{id}.
 */
@RestController
@Tag(name = "Upload and analysis")
class AnalysisCommandController {

    record Accepted(UUID fileUploadId, UUID analysisId, UUID datasetId) {
    }

    record RerunRequest(UUID fileUploadId, Integer configId) {
    }

    private final CommandGateway commands;
    private final BlobStore blobs;
    private final int maxFiles;

    AnalysisCommandController(CommandGateway commands, BlobStore blobs,
                              @Value("${dinsight.upload.max-files:10}") int maxFiles) {
        this.commands = commands;
        this.blobs = blobs;
        this.maxFiles = maxFiles;
    }

    @PostMapping(path = "/api/v1/analyze", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload one or more CSV files (one header, merged in order) and start a baseline analysis. "
            + "Without dataset_id a dataset named after the first file is created; without config_id the latest "
            + "configuration is used.")
    ResponseEntity<Accepted> analyze(@AuthenticationPrincipal Caller caller,
                                     @RequestParam(name = "files", required = false) List<MultipartFile> files,
                                     @RequestParam(name = "dataset_id", required = false) UUID datasetId,
                                     @RequestParam(name = "config_id", required = false) Integer configId,
                                     HttpServletRequest request) {
        if (files == null || files.isEmpty()) {
            throw UploadedParts.missing("files", "at least one CSV file", request);
        }
        if (files.size() > maxFiles) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "At most " + maxFiles + " files per request, this one has " + files.size());
        }
        ConfigVersion config = resolveConfig(configId);
        if (datasetId != null) {
            checkDataset(datasetId, caller);
        }
        List<StoredFile> stored = store(files, columns(config.config()));
        UUID dataset = datasetId != null ? datasetId : createDatasetFor(caller, stored.get(0).name());
        UUID fileUploadId = UUID.randomUUID();
        commands.sendAndWait(new UploadFile(fileUploadId, caller, dataset, stored));
        return run(caller, fileUploadId, dataset, config, stored);
    }

    @PostMapping(path = "/api/v1/analyses", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Run another analysis of a stored upload, with the given (or the latest) configuration")
    ResponseEntity<Accepted> rerun(@AuthenticationPrincipal Caller caller, @RequestBody RerunRequest body) {
        if (body.fileUploadId() == null) {
            throw ApiException.invalid(List.of(new FieldError("file_upload_id", "is required")));
        }
        UploadDescription upload;
        try {
            upload = commands.sendAndWait(new DescribeUpload(body.fileUploadId(), caller));
        } catch (AggregateNotFoundException e) {
            throw new ApiException(ErrorCode.NOT_FOUND, "File upload " + body.fileUploadId() + " does not exist");
        }
        if (upload.rejected()) {
            throw new ApiException(ErrorCode.CONFLICT,
                    "File upload " + body.fileUploadId() + " was rejected; its content cannot be analysed");
        }
        ConfigVersion config = resolveConfig(body.configId());
        return run(caller, upload.fileUploadId(), upload.datasetId(), config, upload.files());
    }

    private ResponseEntity<Accepted> run(Caller caller, UUID fileUploadId, UUID datasetId, ConfigVersion config,
                                         List<StoredFile> files) {
        UUID analysisId = UUID.randomUUID();
        commands.sendAndWait(new RunAnalysis(analysisId, fileUploadId, datasetId, caller, config.id(), config.config(),
                files));
        return ResponseEntity.accepted().location(URI.create("/api/v1/analyses/" + analysisId))
                .body(new Accepted(fileUploadId, analysisId, datasetId));
    }

    private ConfigVersion resolveConfig(Integer configId) {
        return commands.sendAndWait(new ResolveConfig(ConfigurationIds.PROCESSING_CONFIGURATION, configId));
    }

    private void checkDataset(UUID datasetId, Caller caller) {
        try {
            commands.sendAndWait(new CheckDatasetAccess(datasetId, caller));
        } catch (AggregateNotFoundException e) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Dataset " + datasetId + " does not exist");
        }
    }

    private UUID createDatasetFor(Caller caller, String fileName) {
        UUID id = UUID.randomUUID();
        String name = fileName.length() > 255 ? fileName.substring(0, 255) : fileName;
        commands.sendAndWait(new CreateDataset(id, caller, name, "Created for the upload of " + name, List.of(), Map.of()));
        return id;
    }

    /** Inspects every file first, so a bad one stores nothing, then stores them all. */
    private List<StoredFile> store(List<MultipartFile> files, ColumnSelection columns) {
        List<String> names = new ArrayList<>();
        List<String> firstHeader = null;
        for (MultipartFile file : files) {
            String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
                    ? "upload-" + (names.size() + 1) + ".csv" : file.getOriginalFilename();
            try (InputStream in = new BufferedInputStream(file.getInputStream(), CsvInspector.PEEK_BYTES + 1)) {
                List<String> header = CsvInspector.header(name, in, columns);
                if (firstHeader == null) {
                    firstHeader = header;
                } else {
                    CsvInspector.requireSameHeader(names.get(0), firstHeader, name, header);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read '" + name + "'", e);
            }
            names.add(name);
        }
        List<StoredFile> stored = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            try (InputStream in = files.get(i).getInputStream()) {
                BlobStore.Blob blob = blobs.put(in);
                stored.add(new StoredFile(names.get(i), blob.sha256(), blob.size()));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not store '" + names.get(i) + "'", e);
            }
        }
        return stored;
    }

    static ColumnSelection columns(ProcessingConfig config) {
        return new ColumnSelection(config.endMeta(), config.startDim(), config.endDim());
    }
}
