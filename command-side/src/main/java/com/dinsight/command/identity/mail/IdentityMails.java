package com.dinsight.command.identity.mail;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The texts of the verification and reset mails. */
@Component
public class IdentityMails {

    private final Mailer mailer;
    private final String publicUrl;

    IdentityMails(Mailer mailer, @Value("${dinsight.public-url:http://localhost:8080}") String publicUrl) {
        this.mailer = mailer;
        this.publicUrl = publicUrl;
    }

    public void verification(String to, String fullName, String token) {
        mailer.send(to, "Confirm your DInsight email address", """
                Hello %s,

                please confirm your email address for DInsight within 24 hours with this token:

                %s

                For example:
                curl -X POST %s/api/v1/auth/verify-email -H 'Content-Type: application/json' -d '{"token": "%s"}'

                If you did not register, ignore this mail.""".formatted(fullName, token, publicUrl, token));
    }

    public void passwordReset(String to, String token) {
        mailer.send(to, "Reset your DInsight password", """
                Someone asked to reset the password of your DInsight account.
                This token sets a new password within 1 hour, once:

                %s

                For example:
                curl -X POST %s/api/v1/auth/reset-password -H 'Content-Type: application/json' \\
                     -d '{"token": "%s", "new_password": "..."}'

                If it was not you, ignore this mail; your password stays as it is.""".formatted(token, publicUrl, token));
    }
}
