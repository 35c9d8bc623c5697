package com.dinsight.app.security;

import com.dinsight.api.Caller;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** An authenticated request: its principal is the {@link Caller} controllers take as a parameter. */
class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;
    private final Jwt token;

    CallerAuthentication(Caller caller, Jwt token) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + caller.role())));
        this.caller = caller;
        this.token = token;
        setAuthenticated(true);
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public Jwt getCredentials() {
        return token;
    }

    @Override
    public String getName() {
        return caller.userId().toString();
    }
}
