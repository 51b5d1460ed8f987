package io.floe.http;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/**
 * JSON for Floe's HTTP APIs: snake_case field names, ISO-8601 times, unknown fields and duplicate
 * keys rejected, no null elements in arrays and objects that map to lists and maps
 * ({@code [null]}, {@code {"k": null}}).
 * Parse failures become 400 errors that name the field.
 */
public final class Json {
  /** The content type of every JSON answer. */
  public static final String CONTENT_TYPE = "application/json; charset=utf-8";

  /** Object keys must be unique: {@code {"a": 1, "a": 2}} is refused, not read as the last value. */
  public static final ObjectMapper MAPPER = strictScalars(new ObjectMapper(JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()))
      .registerModule(new JavaTimeModule())
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));

  private Json() {}

  /**
   * Numbers and booleans are not text and text is neither: {@code {"name": 5}} and
   * {@code {"expires_in": "60"}} are wrong types, not "5" and 60.
   */
  private static ObjectMapper strictScalars(ObjectMapper mapper) {
    mapper.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
      mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    }
    return mapper;
  }

  public static <T> T read(InputStream in, Class<T> type) {
    return read(in, MAPPER.constructType(type));
  }

  public static <T> T read(InputStream in, com.fasterxml.jackson.core.type.TypeReference<T> type) {
    return read(in, MAPPER.constructType(type));
  }

  private static <T> T read(InputStream in, com.fasterxml.jackson.databind.JavaType type) {
    try (PushbackInputStream body = new PushbackInputStream(in)) {
      int first = body.read();
      if (first == -1) {
        throw FloeException.invalid("the request needs a JSON body");
      }
      body.unread(first);
      T value = MAPPER.readValue(body, type);
      if (value == null) {
        throw FloeException.invalid("the request body must be a JSON object");
      }
      return value;
    } catch (BodyTooLargeException e) {
      throw new FloeException(ErrorCode.PAYLOAD_TOO_LARGE, e.getMessage());
    } catch (UnrecognizedPropertyException e) {
      throw FloeException.of(ErrorCode.INVALID_ARGUMENT, "unknown field '%s'", e.getPropertyName());
    } catch (InvalidNullException e) {
      throw FloeException.of(ErrorCode.INVALID_ARGUMENT, "field '%s' must not hold null", path(e));
    } catch (InvalidFormatException e) {
      throw FloeException.of(ErrorCode.INVALID_ARGUMENT, "field '%s' has a value of the wrong type",
          path(e));
    } catch (MismatchedInputException e) {
      throw FloeException.of(ErrorCode.INVALID_ARGUMENT, "field '%s' has a value of the wrong type",
          path(e));
    } catch (JsonProcessingException e) {
      throw FloeException.of(ErrorCode.INVALID_ARGUMENT, "malformed JSON: %s",
          e.getOriginalMessage());
    } catch (IOException e) {
      throw new FloeException(ErrorCode.IO_ERROR, "cannot read the request body", e);
    }
  }

  public static JsonNode readTree(InputStream in) {
    try (in) {
      JsonNode node = MAPPER.readTree(in);
      return node == null || node.isMissingNode() ? MAPPER.createObjectNode() : node;
    } catch (BodyTooLargeException e) {
      throw new FloeException(ErrorCode.PAYLOAD_TOO_LARGE, e.getMessage());
    } catch (JsonProcessingException e) {
      throw FloeException.of(ErrorCode.INVALID_ARGUMENT, "malformed JSON: %s", e.getOriginalMessage());
    } catch (IOException e) {
      throw new FloeException(ErrorCode.IO_ERROR, "cannot read the request body", e);
    }
  }

  private static String path(MismatchedInputException e) {
    StringBuilder b = new StringBuilder();
    for (var ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (b.length() > 0) {
          b.append('.');
        }
        b.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        b.append('[').append(ref.getIndex()).append(']');
      }
    }
    return b.length() == 0 ? "(body)" : b.toString();
  }

  /** {@code value} as one line of JSON with its newline, as an HTTP answer's body. */
  public static byte[] writeLine(Object value) {
    byte[] json = write(value);
    byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
    line[json.length] = '\n';
    return line;
  }

  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw FloeException.internal("cannot write JSON", e);
    }
  }
}
