package com.dinsight.command.alert;

import com.dinsight.api.alert.AlertAction;
import com.dinsight.api.error.FieldError;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where webhooks may go (decision 35). A rule's owner chooses the URL and the server calls it, so
 * without a check any user could make the server call its own network: the database, the cloud's
 * metadata service at 169.254.169.254, admin ports on localhost. Loopback, private, link-local,
 * unique-local, multicast and unspecified addresses are refused unless
 * {@code dinsight.alerts.webhooks.allow-private-networks} is true (an on-premises deployment whose
 * receivers live inside the network). A rule naming such an address literally is refused when it is
 * saved; a host name is resolved and checked before every delivery, all of its addresses.
 */
@Component
class WebhookTargets {

    private final boolean allowPrivateNetworks;

    WebhookTargets(@Value("${dinsight.alerts.webhooks.allow-private-networks:false}") boolean allowPrivateNetworks) {
        this.allowPrivateNetworks = allowPrivateNetworks;
    }

    /** A field error for each webhook whose URL names a non-public address or localhost literally. */
    List<FieldError> literalViolations(List<AlertAction> actions) {
        List<FieldError> errors = new ArrayList<>();
        if (allowPrivateNetworks || actions == null) {
            return errors;
        }
        for (int i = 0; i < actions.size(); i++) {
            AlertAction action = actions.get(i);
            if (action == null || !AlertAction.WEBHOOK.equals(action.type()) || !AlertRuleRules.isHttpUrl(action.url())) {
                continue;
            }
            String host = URI.create(action.url()).getHost().toLowerCase(Locale.ROOT);
            if (host.equals("localhost") || host.endsWith(".localhost") || (isLiteral(host) && !isPublic(host))) {
                errors.add(new FieldError("actions[" + i + "].url",
                        "must not point at a loopback, private or link-local address (" + host + ")"));
            }
        }
        return errors;
    }

    /** Empty when the URL's host may be called now; otherwise why not. */
    Optional<String> refusal(URI url) {
        if (allowPrivateNetworks) {
            return Optional.empty();
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(url.getHost())) {
                if (!isPublic(address)) {
                    return Optional.of("refused: " + url.getHost() + " resolves to the non-public address "
                            + address.getHostAddress());
                }
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.of("unknown host " + url.getHost());
        }
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            return (bytes[0] & 0xFE) != 0xFC; // fc00::/7, unique local
        }
        int first = bytes[0] & 0xFF;
        int second = bytes[1] & 0xFF;
        boolean sharedAddressSpace = first == 100 && second >= 64 && second < 128; // 100.64.0.0/10 (carrier NAT)
        return first != 0 && !sharedAddressSpace;
    }

    private static boolean isPublic(String literal) {
        try {
            return isPublic(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** An IP address written out: IPv6 in brackets, IPv4 dotted, as one number, or in hex. */
    private static boolean isLiteral(String host) {
        return host.startsWith("[") || host.matches("[0-9.]+") || host.matches("0x[0-9a-fx.]+");
    }
}
