package com.dinsight.app.security;

import com.dinsight.command.identity.token.KeyRing;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Identity")
class JwksController {

    private final KeyRing keyRing;

    JwksController(KeyRing keyRing) {
        this.keyRing = keyRing;
    }

    @GetMapping(value = "/.well-known/jwks.json", produces = "application/json")
    @Operation(summary = "The public keys that verify access tokens")
    Map<String, Object> jwks() {
        return keyRing.publicKeys().toJSONObject(true);
    }
}
