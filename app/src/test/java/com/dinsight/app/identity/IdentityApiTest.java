package com.dinsight.app.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dinsight.app.support.ApiClient;
import com.dinsight.app.support.ApiClient.Response;
import com.dinsight.app.support.TestUsers;
import com.dinsight.app.support.TestUsers.Session;
import com.dinsight.command.identity.token.KeyRing;
import com.dinsight.testsupport.FreshDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Identity over real HTTP, with the attacks api.md and the identity issue list. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@FreshDatabase
class IdentityApiTest {

    @LocalServerPort
    int port;
    @Autowired
    KeyRing keyRing;
    @Value("${dinsight.data-dir}")
    String dataDir;
    ApiClient api;
    private static Session superAdmin;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        firstUserOrPromoted();
    }

    private String signed(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private JWTClaimsSet.Builder claimsFor(Session session, Instant expiresAt) throws Exception {
        JsonNode claims = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                Base64.getUrlDecoder().decode(session.accessToken().split("\\.")[1]));
        return new JWTClaimsSet.Builder().issuer("dinsight").subject(session.userId().toString())
                .claim("role", claims.get("role").asText()).claim("sid", claims.get("sid").asText())
                .issueTime(Date.from(Instant.now().minusSeconds(60))).expirationTime(Date.from(expiresAt));
    }

    private int statusWith(String token) {
        return api.as(token).get("/api/v1/users/sessions").status();
    }

    @Test
    void the_first_user_becomes_super_admin_and_later_ones_users() {
        assertThat(superAdmin.role()).isEqualTo("super_admin");
        assertThat(TestUsers.signUp(api, "second").role()).isEqualTo("user");
    }

    @Test
    void registering_answers_the_user_id_and_one_email_cannot_register_twice_in_any_case() {
        String email = "Case-" + UUID.randomUUID().toString().substring(0, 6) + "@Example.com";
        Response created = api.postJson("/api/v1/auth/register",
                "{\"email\": \"%s\", \"password\": \"Secret#123\", \"full_name\": \"Casey\"}".formatted(email));
        assertThat(created.status()).isEqualTo(201);
        assertThat(UUID.fromString(created.json().get("user_id").asText())).isNotNull();

        Response again = api.postJson("/api/v1/auth/register",
                "{\"email\": \"%s\", \"password\": \"Secret#123\", \"full_name\": \"Casey\"}".formatted(email.toLowerCase()));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("CONFLICT");
    }

    @Test
    void the_password_rule_is_enforced_naming_the_field() {
        for (String weak : List.of("Sh0rt!", "alllowercase1!", "ALLUPPERCASE1!", "NoDigits!!", "NoSpecial123")) {
            Response response = api.postJson("/api/v1/auth/register",
                    "{\"email\": \"weak@example.com\", \"password\": \"%s\", \"full_name\": \"W\"}".formatted(weak));
            assertThat(response.status()).as(weak).isEqualTo(400);
            assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("password");
        }
    }

    @Test
    void login_answers_tokens_and_the_user_and_hides_whether_the_email_exists() {
        Session session = TestUsers.signUp(api, "login");
        assertThat(session.accessToken().split("\\.")).hasSize(3);

        Response wrongPassword = api.postJson("/api/v1/auth/login",
                "{\"email\": \"%s\", \"password\": \"Wrong#1234\"}".formatted(session.email()));
        Response unknownEmail = api.postJson("/api/v1/auth/login",
                "{\"email\": \"nobody-%s@example.com\", \"password\": \"Wrong#1234\"}".formatted(UUID.randomUUID()));
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownEmail.status()).isEqualTo(401);
        assertThat(wrongPassword.json().get("detail")).isEqualTo(unknownEmail.json().get("detail"));
    }

    @Test
    void requests_without_a_valid_token_are_refused() throws Exception {
        Session session = TestUsers.signUp(api, "attacks");
        assertThat(statusWith(session.accessToken())).isEqualTo(200);

        assertThat(api.get("/api/v1/users/sessions").status()).as("no token").isEqualTo(401);
        assertThat(statusWith("not-a-jwt")).as("garbage").isEqualTo(401);

        String[] parts = session.accessToken().split("\\.");
        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"role\":\"user\"", "\"role\":\"super_admin\"").getBytes(StandardCharsets.UTF_8));
        assertThat(statusWith(parts[0] + "." + otherPayload + "." + parts[2])).as("tampered payload").isEqualTo(401);
        assertThat(statusWith(parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA"))
                .as("tampered signature").isEqualTo(401);

        String noneHeader = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(statusWith(noneHeader + "." + parts[1] + ".")).as("alg none").isEqualTo(401);

        RSAKey stranger = new RSAKeyGenerator(2048).keyID(keyRing.signingKey().getKeyID()).generate();
        assertThat(statusWith(signed(stranger, claimsFor(session, Instant.now().plusSeconds(600)).build())))
                .as("signed by another key with our key id").isEqualTo(401);

        assertThat(statusWith(signed(keyRing.signingKey(), claimsFor(session, Instant.now().minusSeconds(30)).build())))
                .as("expired").isEqualTo(401);
        assertThat(statusWith(signed(keyRing.signingKey(), claimsFor(session, Instant.now().plusSeconds(600)).build())))
                .as("our own key, valid claims").isEqualTo(200);
        assertThat(statusWith(signed(keyRing.signingKey(), claimsFor(session, Instant.now().plusSeconds(600))
                .issuer("someone-else").build()))).as("foreign issuer").isEqualTo(401);
    }

    @Test
    void a_token_accepted_once_is_refused_when_it_expires() throws Exception {
        Session session = TestUsers.signUp(api, "expiring");
        Instant expiresAt = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS); // exp has whole seconds
        String token = signed(keyRing.signingKey(), claimsFor(session, expiresAt).build());
        assertThat(statusWith(token)).as("valid, and now verified").isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() -> statusWith(token) == 401);
        assertThat(Instant.now()).as("refused after the 5 seconds' skew, not before").isAfter(expiresAt.plusSeconds(5));
        Response refused = api.as(token).get("/api/v1/users/sessions");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("detail").asText()).contains("Jwt expired at");
    }

    @Test
    void a_forged_token_is_refused_while_the_genuine_one_with_the_same_claims_is_accepted() throws Exception {
        Session session = TestUsers.signUp(api, "forged");
        String token = session.accessToken();
        assertThat(statusWith(token)).isEqualTo(200);
        String[] parts = token.split("\\.");

        RSAKey stranger = new RSAKeyGenerator(2048).keyID(keyRing.signingKey().getKeyID()).generate();
        String otherSignature = parts[0] + "." + parts[1] + "." + new RSASSASigner(stranger)
                .sign(SignedJWT.parse(token).getHeader(), (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"role\":\"user\"", "\"role\":\"super_admin\"").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 2; i++) {
            assertThat(statusWith(otherSignature)).as("same claims, signed by another key").isEqualTo(401);
            assertThat(statusWith(parts[0] + "." + otherPayload + "." + parts[2])).as("tampered payload").isEqualTo(401);
            assertThat(statusWith(token)).as("the genuine token").isEqualTo(200);
        }
    }

    @Test
    void a_refresh_token_rotates_and_using_an_old_one_revokes_the_session() {
        Session session = TestUsers.signUp(api, "refresh");
        Response first = api.postJson("/api/v1/auth/refresh", "{\"refresh_token\": \"%s\"}".formatted(session.refreshToken()));
        assertThat(first.status()).isEqualTo(200);
        String rotated = first.json().get("refresh_token").asText();
        assertThat(rotated).isNotEqualTo(session.refreshToken());
        assertThat(first.json().get("expires_in").asInt()).isEqualTo(900);

        Response reused = api.postJson("/api/v1/auth/refresh", "{\"refresh_token\": \"%s\"}".formatted(session.refreshToken()));
        assertThat(reused.status()).isEqualTo(401);
        Response afterTheft = api.postJson("/api/v1/auth/refresh", "{\"refresh_token\": \"%s\"}".formatted(rotated));
        assertThat(afterTheft.status()).as("the thief's and the owner's copy both die").isEqualTo(401);
        await().atMost(Duration.ofSeconds(10)).until(() -> statusWith(first.json().get("access_token").asText()) == 401);
    }

    @Test
    void logout_ends_the_session_and_its_access_token_at_once() {
        Session session = TestUsers.signUp(api, "logout");
        assertThat(api.postJson("/api/v1/auth/logout", "{\"refresh_token\": \"%s\"}".formatted(session.refreshToken())).status())
                .isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> statusWith(session.accessToken()) == 401);
        assertThat(api.postJson("/api/v1/auth/refresh", "{\"refresh_token\": \"%s\"}".formatted(session.refreshToken())).status())
                .isEqualTo(401);
    }

    @Test
    void users_list_and_revoke_their_own_sessions_only() {
        Session ann = TestUsers.signUp(api, "ann");
        Session annElsewhere = TestUsers.logIn(api, ann.email(), TestUsers.PASSWORD);
        Session bob = TestUsers.signUp(api, "bob");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                api.as(ann.accessToken()).get("/api/v1/users/sessions").json().get("items").size() == 2);
        String otherSession = api.as(ann.accessToken()).get("/api/v1/users/sessions").json().get("items").get(0).get("id").asText();

        assertThat(api.as(bob.accessToken()).delete("/api/v1/users/sessions/" + otherSession).status()).isEqualTo(404);
        assertThat(api.as(ann.accessToken()).delete("/api/v1/users/sessions/" + otherSession).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                api.as(ann.accessToken()).get("/api/v1/users/sessions").json().get("items").size() == 1);
        assertThat(annElsewhere.accessToken()).isNotEqualTo(ann.accessToken());
    }

    @Test
    void a_user_cannot_reach_admin_endpoints_or_raise_their_own_role() {
        Session user = TestUsers.signUp(api, "climber");
        Response raise = api.as(user.accessToken()).putJson("/api/v1/admin/users/" + user.userId() + "/role",
                "{\"role\": \"super_admin\"}");
        assertThat(raise.status()).isEqualTo(403);
        assertThat(raise.json().get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(api.as(user.accessToken()).get("/api/v1/admin/users").status()).isEqualTo(403);
    }

    @Test
    void a_super_admin_promotes_and_an_admin_deactivates_which_ends_the_users_access() {
        Session superAdmin = firstUserOrPromoted();
        Session promoted = TestUsers.signUp(api, "promoted");
        Session victim = TestUsers.signUp(api, "victim");
        Response promote = api.as(superAdmin.accessToken()).putJson("/api/v1/admin/users/" + promoted.userId() + "/role",
                "{\"role\": \"admin\"}");
        assertThat(promote.status()).as(promote.body()).isEqualTo(200);
        assertThat(promote.json().get("role").asText()).isEqualTo("admin");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                api.as(promoted.accessToken()).get("/api/v1/admin/users").status() == 200);

        Response aboveOwn = api.as(promoted.accessToken()).putJson("/api/v1/admin/users/" + victim.userId() + "/role",
                "{\"role\": \"super_admin\"}");
        assertThat(aboveOwn.status()).isEqualTo(403);
        assertThat(api.as(promoted.accessToken()).postJson("/api/v1/admin/users/" + victim.userId() + "/deactivate", "")
                .status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> statusWith(victim.accessToken()) == 401);
        assertThat(api.postJson("/api/v1/auth/login", "{\"email\": \"%s\", \"password\": \"%s\"}"
                .formatted(victim.email(), TestUsers.PASSWORD)).status()).isEqualTo(401);
        assertThat(api.as(promoted.accessToken()).putJson("/api/v1/admin/users/" + UUID.randomUUID() + "/role",
                "{\"role\": \"user\"}").status()).isEqualTo(404);
    }

    @Test
    void the_role_is_the_users_current_one_and_a_user_the_read_model_does_not_know_keeps_the_tokens() throws Exception {
        Session user = TestUsers.signUp(api, "claims-admin");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                api.as(user.accessToken()).get("/api/v1/users/profile").status() == 200); // the read model knows the user
        String claimsSuperAdmin = signed(keyRing.signingKey(), claimsFor(user, Instant.now().plusSeconds(600))
                .claim("role", "super_admin").build());
        // the session check may still hold, for up to its TTL (1 s), what it read before the user was known
        await().atMost(Duration.ofSeconds(10)).until(() ->
                api.as(claimsSuperAdmin).get("/api/v1/admin/users").status() != 200);
        assertThat(api.as(claimsSuperAdmin).get("/api/v1/admin/users").status()).as("a user, whatever the token says")
                .isEqualTo(403);

        JWTClaimsSet.Builder unknown = new JWTClaimsSet.Builder().issuer("dinsight").subject(UUID.randomUUID().toString())
                .claim("sid", UUID.randomUUID().toString()).expirationTime(Date.from(Instant.now().plusSeconds(600)));
        assertThat(api.as(signed(keyRing.signingKey(), unknown.claim("role", "admin").build())).get("/api/v1/admin/users")
                .status()).as("unknown user, admin token").isEqualTo(200);
        assertThat(api.as(signed(keyRing.signingKey(), unknown.claim("role", "user").build())).get("/api/v1/admin/users")
                .status()).as("unknown user, user token").isEqualTo(403);
    }

    /** The first user of this class's database is the super_admin; create it if no test did yet. */
    private Session firstUserOrPromoted() {
        if (superAdmin == null) {
            superAdmin = TestUsers.signUp(api, "super");
        }
        return superAdmin;
    }

    @Test
    void profile_reads_and_changes_the_callers_own_data_without_a_password_hash() {
        Session session = TestUsers.signUp(api, "profile");
        Response changed = api.as(session.accessToken()).putJson("/api/v1/users/profile", "{\"full_name\": \"New Name\"}");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("full_name").asText()).isEqualTo("New Name");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                "New Name".equals(api.as(session.accessToken()).get("/api/v1/users/profile").json().path("full_name").asText()));
        String profile = api.as(session.accessToken()).get("/api/v1/users/profile").body();
        assertThat(profile).doesNotContain("password").contains(session.email());
    }

    @Test
    void changing_the_password_checks_the_current_one_and_ends_every_session() {
        Session session = TestUsers.signUp(api, "changer");
        Response wrong = api.as(session.accessToken()).postJson("/api/v1/users/change-password",
                "{\"current_password\": \"Nope#1234\", \"new_password\": \"Better#456\"}");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().at("/errors/0/field").asText()).isEqualTo("current_password");

        assertThat(api.as(session.accessToken()).postJson("/api/v1/users/change-password",
                "{\"current_password\": \"Secret#123\", \"new_password\": \"Better#456\"}").status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> statusWith(session.accessToken()) == 401);
        assertThat(api.postJson("/api/v1/auth/login", "{\"email\": \"%s\", \"password\": \"Secret#123\"}"
                .formatted(session.email())).status()).isEqualTo(401);
        TestUsers.logIn(api, session.email(), "Better#456");
    }

    @Test
    void a_password_reset_by_mailed_token_works_once_and_ends_every_session() throws Exception {
        Session session = TestUsers.signUp(api, "forgetful");
        assertThat(api.postJson("/api/v1/auth/forgot-password", "{\"email\": \"nobody@example.com\"}").status()).isEqualTo(202);
        assertThat(api.postJson("/api/v1/auth/forgot-password", "{\"email\": \"%s\"}".formatted(session.email())).status())
                .isEqualTo(202);
        String token = tokenFromMail(session.email(), "Reset your DInsight password");

        Response weak = api.postJson("/api/v1/auth/reset-password", "{\"token\": \"%s\", \"new_password\": \"weak\"}".formatted(token));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(api.postJson("/api/v1/auth/reset-password", "{\"token\": \"%s\", \"new_password\": \"Fresh#789\"}"
                .formatted(token)).status()).isEqualTo(200);
        assertThat(api.postJson("/api/v1/auth/reset-password", "{\"token\": \"%s\", \"new_password\": \"Again#789\"}"
                .formatted(token)).status()).as("once only").isEqualTo(400);
        await().atMost(Duration.ofSeconds(10)).until(() -> statusWith(session.accessToken()) == 401);
        TestUsers.logIn(api, session.email(), "Fresh#789");
    }

    @Test
    void the_mailed_verification_token_verifies_the_email() throws Exception {
        Session session = TestUsers.signUp(api, "verifier");
        String token = tokenFromMail(session.email(), "Confirm your DInsight email address");
        assertThat(api.postJson("/api/v1/auth/verify-email", "{\"token\": \"forged\"}").status()).isEqualTo(400);
        assertThat(api.postJson("/api/v1/auth/verify-email", "{\"token\": \"%s\"}".formatted(token)).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                api.as(session.accessToken()).get("/api/v1/users/profile").json().path("email_verified").asBoolean());
    }

    @Test
    void jwks_publishes_public_keys_and_tokens_of_an_older_key_stay_valid_after_a_new_key_is_added() {
        Session session = TestUsers.signUp(api, "rotation");
        String oldKid = keyRing.signingKey().getKeyID();
        keyRing.addKey();
        JsonNode jwks = api.get("/.well-known/jwks.json").json();
        assertThat(jwks.get("keys").size()).isGreaterThanOrEqualTo(2);
        assertThat(jwks.toString()).contains(oldKid).doesNotContain("\"d\"");
        assertThat(statusWith(session.accessToken())).isEqualTo(200);
        Session fresh = TestUsers.logIn(api, session.email(), TestUsers.PASSWORD);
        assertThat(fresh.accessToken()).doesNotContain(oldKid);
        assertThat(statusWith(fresh.accessToken())).isEqualTo(200);
    }

    @Test
    void every_response_carries_the_security_headers() {
        Response response = api.get("/api/v1/config");
        assertThat(response.header("Strict-Transport-Security")).contains("max-age");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("Content-Security-Policy")).startsWith("default-src 'self'");
    }

    /** Without SMTP settings mails are files under the data directory; find the newest to this address. */
    private String tokenFromMail(String to, String subject) throws Exception {
        Path mailDir = Path.of(dataDir, "mail");
        await().atMost(Duration.ofSeconds(10)).until(() -> mailTo(mailDir, to, subject) != null);
        String mail = mailTo(mailDir, to, subject);
        return mail.lines().map(String::trim).filter(line -> line.matches("[0-9a-f-]{36}\\.[A-Za-z0-9_-]{40,}"))
                .findFirst().orElseThrow();
    }

    private static String mailTo(Path directory, String to, String subject) throws Exception {
        if (!Files.isDirectory(directory)) {
            return null;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                String mail = Files.readString(file);
                if (mail.contains("To: " + to) && mail.contains("Subject: " + subject)) {
                    return mail;
                }
            }
        }
        return null;
    }
}
