package com.dinsight.command.analysis;

import com.dinsight.api.Caller;
import com.dinsight.api.analysis.ColumnSelection;
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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FileUploadTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final UUID UPLOAD = UUID.fromString("00000000-0000-0000-0000-0000000000f1");
    private static final UUID DATASET = UUID.fromString("00000000-0000-0000-0000-0000000000d1");
    private static final Caller OWNER = new Caller(UUID.fromString("00000000-0000-0000-0000-000000000001"), "user");
    private static final List<StoredFile> FILES = List.of(new StoredFile("a.csv", "ab".repeat(32), 10),
            new StoredFile("b.csv", "cd".repeat(32), 5));
    private static final FileUploaded UPLOADED = new FileUploaded(UPLOAD, OWNER.userId(), DATASET, FILES, 15, NOW);
    private static final ColumnSelection COLUMNS = new ColumnSelection("participant", "f_0", "f_1023");

    private AggregateTestFixture<FileUpload> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(FileUpload.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void an_upload_records_its_files_in_order_and_their_total_size() {
        fixture.givenNoPriorActivity().when(new UploadFile(UPLOAD, OWNER, DATASET, FILES)).expectEvents(UPLOADED);
    }

    @Test
    void it_is_parsed_or_rejected_once() {
        fixture.given(UPLOADED).when(new MarkFileParsed(UPLOAD, COLUMNS, 438, 1024))
                .expectEvents(new FileParsed(UPLOAD, COLUMNS, 438, 1024, NOW));
        fixture.given(UPLOADED, new FileParsed(UPLOAD, COLUMNS, 438, 1024, NOW))
                .when(new MarkFileParsed(UPLOAD, COLUMNS, 438, 1024)).expectNoEvents();
        fixture.given(UPLOADED).when(new RejectFile(UPLOAD, "a.csv, row 7, column f_3: not a number"))
                .expectEvents(new FileRejected(UPLOAD, "a.csv, row 7, column f_3: not a number", NOW));
        fixture.given(UPLOADED, new FileRejected(UPLOAD, "bad", NOW))
                .when(new MarkFileParsed(UPLOAD, COLUMNS, 1, 1)).expectNoEvents();
    }

    @Test
    void only_its_owner_or_an_admin_may_use_it_again() {
        fixture.given(UPLOADED).when(new DescribeUpload(UPLOAD, OWNER))
                .expectResultMessagePayload(new UploadDescription(UPLOAD, DATASET, OWNER.userId(), FILES, false));
        fixture.given(UPLOADED).when(new DescribeUpload(UPLOAD, new Caller(UUID.randomUUID(), "admin")))
                .expectSuccessfulHandlerExecution();
        fixture.given(UPLOADED).when(new DescribeUpload(UPLOAD, new Caller(UUID.randomUUID(), "user")))
                .expectExceptionDetails(new TypeSafeMatcher<Object>(Object.class) {
                    @Override
                    protected boolean matchesSafely(Object details) {
                        return details instanceof BusinessError error && error.code() == ErrorCode.NOT_FOUND;
                    }

                    @Override
                    public void describeTo(Description description) {
                        description.appendText("NOT_FOUND");
                    }
                });
    }
}
