package com.dinsight.app.web;

import com.dinsight.api.config.ProcessingConfig;
import com.dinsight.api.error.ApiException;
import com.dinsight.api.error.BusinessError;
import com.dinsight.api.error.ErrorCode;
import com.dinsight.api.error.FieldError;
import com.dinsight.api.error.NotFoundException;
import com.dinsight.engine.InvalidInputException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place that turns failures into RFC 9457 problem details with the {@code code} member
 * of api.md. A 500 carries an incident id for the log, never a stack trace.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<Object> refused(CommandExecutionException exception) {
        return exception.getDetails()
                .filter(BusinessError.class::isInstance)
                .map(BusinessError.class::cast)
                .map(error -> problem(statusOf(error.code()), error.code(), error.message(), error.errors()))
                .orElseGet(() -> unexpected(exception));
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> refused(ApiException exception) {
        ResponseEntity<Object> response = problem(statusOf(exception.code()), exception.code(), exception.getMessage(),
                exception.errors());
        if (exception.retryAfter() == null) {
            return response;
        }
        long seconds = Math.max(1, (exception.retryAfter().toMillis() + 999) / 1000);
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds)).body(response.getBody());
    }

    /** Bad rows or columns found by the engine's reader or checks: the message names file, row and column. */
    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Object> invalidInput(InvalidInputException exception) {
        String field = exception.column() != null ? exception.column() : exception.file() != null ? exception.file() : "rows";
        return problem(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_ERROR, exception.getMessage(),
                List.of(new FieldError(field, exception.getMessage())));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Object> unknownAggregate(AggregateNotFoundException exception) {
        return problem(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "No such resource", List.of());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException exception) {
        return problem(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, exception.getMessage(), List.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> badParameter(MethodArgumentTypeMismatchException exception) {
        String expected = exception.getRequiredType() == null ? "of another type" : describe(exception.getRequiredType());
        return problem(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_ERROR, "A request parameter is invalid",
                List.of(new FieldError(snakeCase(exception.getName()), "must be " + expected + ", was '" + exception.getValue() + "'")));
    }

    /** Names the media types the endpoint takes: a CSV sent as the body learns to send it as the part of a form. */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException exception,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String header = request.getHeader(HttpHeaders.CONTENT_TYPE);
        String sent = exception.getContentType() != null ? "Content-Type '" + exception.getContentType() + "'"
                : header == null || header.isBlank() ? "no Content-Type" : "an invalid Content-Type '" + header + "'";
        String accepted = exception.getSupportedMediaTypes().stream()
                .sorted(Comparator.comparing(MediaType::isWildcardSubtype).thenComparing(MediaType::toString)) // stable order
                .map(type -> MediaType.MULTIPART_FORM_DATA.equalsTypeAndSubtype(type) ? type + " (files as parts of a form)" : type.toString())
                .collect(Collectors.joining(" or "));
        String message = sent + " is not supported here" + (accepted.isEmpty() ? "" : "; send " + accepted);
        ResponseEntity<Object> problem = problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorCode.UNSUPPORTED_MEDIA_TYPE, message, List.of());
        return ResponseEntity.status(problem.getStatusCode()).headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem.getBody());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception exception) {
        String incident = UUID.randomUUID().toString();
        log.error("Unexpected failure, incident {}", incident, exception);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL_ERROR,
                "An unexpected error occurred; quote incident " + incident + " when reporting it", List.of());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException exception,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = exception.getMostSpecificCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = unknown.getPropertyName();
            String message = ProcessingConfig.SYSTEM_FIELDS.contains(field)
                    ? "is set by the system and cannot be changed"
                    : "is not a field of this request; known fields are " + unknown.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            return invalid(new FieldError(field, message));
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String type = mismatch.getTargetType() == null ? "another type" : describe(mismatch.getTargetType());
            return invalid(new FieldError(path(mismatch), "must be " + type));
        }
        if (cause instanceof JsonProcessingException parse) {
            String where = parse.getLocation() == null ? ""
                    : " at line " + parse.getLocation().getLineNr() + ", column " + parse.getLocation().getColumnNr();
            return invalid(new FieldError("body", "is not valid JSON" + where));
        }
        return invalid(new FieldError("body", "is missing or unreadable"));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception exception, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(exception, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail detail && detail.getProperties() == null) {
            detail.setProperty("code", codeOf(statusCode).name());
        }
        return response;
    }

    private ResponseEntity<Object> invalid(FieldError error) {
        return problem(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_ERROR, "The request has invalid fields", List.of(error));
    }

    static ResponseEntity<Object> problem(HttpStatus status, ErrorCode code, String message, List<FieldError> errors) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(status, message);
        detail.setProperty("code", code.name());
        if (!errors.isEmpty()) {
            detail.setProperty("errors", errors);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(detail);
    }

    private static String path(JsonMappingException exception) {
        StringBuilder path = new StringBuilder(); // rows[0].features, as the other field errors name it
        for (JsonMappingException.Reference ref : exception.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** dinsightId as the API names it: dinsight_id */
    private static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static String describe(Class<?> type) {
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type == Instant.class || type == OffsetDateTime.class) {
            return "an ISO 8601 time with a UTC offset";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "of type " + type.getSimpleName();
    }

    static HttpStatus statusOf(ErrorCode code) {
        return switch (code) {
            case VALIDATION_ERROR -> HttpStatus.BAD_REQUEST;
            case UNAUTHORIZED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case PAYLOAD_TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case INTERNAL_ERROR -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    private static ErrorCode codeOf(HttpStatusCode status) {
        return switch (status.value()) {
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 409 -> ErrorCode.CONFLICT;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> ErrorCode.RATE_LIMITED;
            default -> status.is4xxClientError() ? ErrorCode.VALIDATION_ERROR : ErrorCode.INTERNAL_ERROR;
        };
    }
}
