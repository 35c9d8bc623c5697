package com.dinsight.app;

import com.dinsight.app.roles.CommandRole;
import com.dinsight.app.roles.QueryRole;
import com.dinsight.app.roles.WorkerRole;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The one executable. It scans only its own package; the command side, query side and worker
 * come in through their role configurations, so {@code DINSIGHT_ROLES} decides what runs.
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@Import({CommandRole.class, QueryRole.class, WorkerRole.class})
public class DinsightApplication {

    public static void main(String[] args) {
        SpringApplication.run(DinsightApplication.class, args);
    }
}
