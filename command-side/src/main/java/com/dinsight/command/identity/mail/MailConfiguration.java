package com.dinsight.command.identity.mail;

import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/** SMTP when {@code spring.mail.host} is set (Spring Boot then makes the sender), files otherwise. */
@Configuration(proxyBeanMethods = false)
class MailConfiguration {

    @Bean
    Mailer mailer(ObjectProvider<JavaMailSender> smtp, Clock clock,
                  @Value("${dinsight.data-dir}") String dataDir,
                  @Value("${dinsight.mail.from:DInsight <no-reply@dinsight.local>}") String from) {
        JavaMailSender sender = smtp.getIfAvailable();
        return sender != null ? new SmtpMailer(sender, from) : new FileMailer(Path.of(dataDir, "mail"), clock, from);
    }
}
