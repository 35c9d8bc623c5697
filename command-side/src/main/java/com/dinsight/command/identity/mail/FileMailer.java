package com.dinsight.command.identity.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Without SMTP settings, mails become files under {@code $DINSIGHT_DATA_DIR/mail/}, so a local
 * user can still follow a verification or reset link.
 */
class FileMailer implements Mailer {

    private static final Logger log = LoggerFactory.getLogger(FileMailer.class);

    private final Path directory;
    private final Clock clock;
    private final String from;

    FileMailer(Path directory, Clock clock, String from) {
        this.directory = directory;
        this.clock = clock;
        this.from = from;
    }

    @Override
    public void send(String to, String subject, String body) {
        try {
            Files.createDirectories(directory);
            String name = clock.instant().toString().replace(":", "") + "-" + UUID.randomUUID().toString().substring(0, 8) + ".eml";
            Path file = directory.resolve(name);
            Files.writeString(file, "From: " + from + "\nTo: " + to + "\nSubject: " + subject + "\n\n" + body + "\n");
            log.info("No SMTP server configured: wrote the mail '{}' to {}", subject, file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write a mail to " + directory, e);
        }
    }
}
