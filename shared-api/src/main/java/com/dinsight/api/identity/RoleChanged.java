package com.dinsight.api.identity;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * An admin changed the user's role from {@code previousRole} to {@code newRole}. Revision 2 (the
 * audit log shows "user -> admin") renamed revision 1's {@code role} to {@code newRole} and added
 * {@code previousRole}, which revision 1 did not record: upcast events carry null there
 * (docs/evolution.md).
 */
@Revision("2")
public record RoleChanged(UUID userId, String previousRole, String newRole, UUID changedBy, Instant changedAt) {
}
