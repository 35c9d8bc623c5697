package com.dinsight.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What of an event may be shown in the audit log and the history (docs/architecture.md: personal
 * data and secrets never in clear). Rules go by the JSON property name, at any depth, and by value:
 * <ul>
 *   <li>a property whose name contains one of {@link #SECRET_WORDS} (password hashes, token hashes,
 *       secrets, signatures...) is removed;</li>
 *   <li>a property named like an email address ({@link #EMAIL_WORDS}, or {@code to}/{@code recipient})
 *       is masked as {@code j***@example.com}, and so is every email address found in any text value;</li>
 *   <li>a person's name ({@link #PERSON_NAMES}) becomes initials, {@code "J. D."};</li>
 *   <li>a URL loses its user info, query and fragment (where webhook credentials hide).</li>
 * </ul>
 * New events are covered without being listed; AuditMaskingTest walks every event of shared-api and
 * fails when a text field is neither masked by these rules nor declared plain text there.
 */
public final class AuditMasking {

    /** Parts of property names (lower case, without {@code _} and {@code -}) that mark a secret. */
    public static final List<String> SECRET_WORDS = List.of("password", "passwd", "secret", "token", "apikey",
            "credential", "signature", "privatekey", "authorization", "cookie");
    /** Parts of property names that mark an email address. */
    public static final List<String> EMAIL_WORDS = List.of("email", "mail");
    /** Property names (normalised) that hold an email address without saying so. */
    public static final Set<String> EMAIL_NAMES = Set.of("to", "cc", "bcc", "recipient", "recipients");
    /** Property names (normalised) that hold a person's name. */
    public static final Set<String> PERSON_NAMES = Set.of("fullname", "firstname", "lastname", "displayname",
            "givenname", "familyname", "surname", "username");

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern URL = Pattern.compile("^(https?://)(?:[^/?#@]*@)?([^/?#]*)([^?#]*)(?:[?#].*)?$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private static final int SECRET = 1;
    private static final int EMAIL_ADDRESS = 2;
    private static final int PERSON_NAME = 4;
    /**
     * What each property name is, by the rules above. Every event's every property asks, and the
     * names are few (the events' fields, plus the metadata keys clients choose, hence the bound).
     */
    private static final LoadingCache<String, Integer> KINDS = Caffeine.newBuilder().maximumSize(10_000)
            .build(AuditMasking::classify);

    /** The stored event format (decision 5): field names as in the records, ISO instants. */
    private static final ObjectMapper EVENTS = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private AuditMasking() {
    }

    /** The event payload as JSON, masked. */
    public static ObjectNode masked(Object payload) {
        return masked((JsonNode) EVENTS.valueToTree(payload));
    }

    /** A payload already in its stored JSON form, masked in place (a new node when it is not an object). */
    public static ObjectNode masked(JsonNode tree) {
        if (tree instanceof ObjectNode object) {
            maskObject(object);
            return object;
        }
        ObjectNode wrapper = JsonNodeFactory.instance.objectNode();
        wrapper.set("value", mask(null, tree));
        return wrapper;
    }

    /** The masked payload as a map, for answers. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(JsonNode node) {
        return EVENTS.convertValue(node, Map.class);
    }

    /** Whether a property of this name is removed. */
    public static boolean isSecret(String property) {
        return (KINDS.get(property) & SECRET) != 0;
    }

    public static boolean isEmail(String property) {
        return (KINDS.get(property) & EMAIL_ADDRESS) != 0;
    }

    public static boolean isPersonName(String property) {
        return (KINDS.get(property) & PERSON_NAME) != 0;
    }

    private static Integer classify(String property) {
        String name = normalise(property);
        int kind = 0;
        if (SECRET_WORDS.stream().anyMatch(name::contains)) {
            kind |= SECRET;
        }
        if (EMAIL_NAMES.contains(name) || EMAIL_WORDS.stream().anyMatch(name::contains)) {
            kind |= EMAIL_ADDRESS;
        }
        if (PERSON_NAMES.contains(name)) {
            kind |= PERSON_NAME;
        }
        return kind;
    }

    private static void maskObject(ObjectNode object) {
        List<String> secrets = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (isSecret(field.getKey())) {
                secrets.add(field.getKey());
            } else {
                JsonNode masked = mask(field.getKey(), field.getValue());
                if (masked != field.getValue()) {
                    field.setValue(masked);
                }
            }
        }
        object.remove(secrets);
        maskKeys(object);
    }

    /** Free-form maps (dataset metadata) may use an email address as a key. */
    private static void maskKeys(ObjectNode object) {
        boolean any = false;
        Iterator<String> names = object.fieldNames();
        while (names.hasNext() && !any) {
            any = names.next().indexOf('@') >= 0;
        }
        if (!any) {
            return;
        }
        Map<String, JsonNode> renamed = new LinkedHashMap<>();
        object.fields().forEachRemaining(field -> renamed.put(maskEmails(field.getKey()), field.getValue()));
        object.removeAll();
        object.setAll(renamed);
    }

    private static JsonNode mask(String property, JsonNode value) {
        if (value instanceof ObjectNode object) {
            maskObject(object);
            return object;
        }
        if (value instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode masked = mask(property, array.get(i));
                if (masked != array.get(i)) {
                    array.set(i, masked);
                }
            }
            return array;
        }
        if (!value.isTextual()) {
            return value;
        }
        String raw = value.textValue();
        // PostgreSQL's jsonb cannot hold U+0000 (a file name may carry one): the row would never be written
        String text = raw.indexOf('\0') >= 0 ? raw.replace('\0', '\uFFFD') : raw;
        if (property != null && isPersonName(property)) {
            return TextNode.valueOf(initials(text));
        }
        if (property != null && isEmail(property)) {
            return TextNode.valueOf(text.indexOf('@') >= 0 ? maskEmails(text) : "***");
        }
        String masked = maskUrl(maskEmails(text));
        return masked.equals(raw) ? value : TextNode.valueOf(masked);
    }

    /** Every email address in the text as its first character, {@code ***} and its domain. */
    static String maskEmails(String text) {
        if (text.indexOf('@') < 0) {
            return text;
        }
        Matcher matcher = EMAIL.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String address = matcher.group();
            int at = address.indexOf('@');
            matcher.appendReplacement(out, Matcher.quoteReplacement(address.charAt(0) + "***" + address.substring(at)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    static String maskUrl(String text) {
        if (!(text.regionMatches(true, 0, "http://", 0, 7) || text.regionMatches(true, 0, "https://", 0, 8))) {
            return text;
        }
        Matcher matcher = URL.matcher(text);
        return matcher.matches() ? matcher.group(1) + matcher.group(2) + matcher.group(3) : "***";
    }

    /** "Jane van Doe" -> "J. V. D."; nothing readable -> "***". */
    static String initials(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.trim().split("\\s+")) {
            if (!part.isEmpty() && Character.isLetter(part.codePointAt(0))) {
                out.append(out.isEmpty() ? "" : " ")
                        .appendCodePoint(Character.toUpperCase(part.codePointAt(0))).append('.');
            }
        }
        return out.isEmpty() ? "***" : out.toString();
    }

    private static String normalise(String property) {
        return property.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }
}
