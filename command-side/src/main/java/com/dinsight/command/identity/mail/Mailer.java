package com.dinsight.command.identity.mail;

/** Sends a plain-text mail to one recipient. */
public interface Mailer {

    void send(String to, String subject, String body);
}
