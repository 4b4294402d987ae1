package dev.gate.image.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.gate.errors.GateException;
import java.io.IOException;

/**
 * One configured mapper for the image module's wire formats, with errors that name the document. It is built
 * on first use only: a plain push reads its manifests with {@link OciReader} and never needs it.
 */
public final class Json {

    public static final ObjectMapper MAPPER =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Json() {}

    public static <T> T read(byte[] raw, Class<T> type, String origin) {
        try {
            return MAPPER.readValue(raw, type);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause();
            throw invalid(origin, cause instanceof GateException ? cause.getMessage() : e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw invalid(origin, e.getOriginalMessage());
        } catch (IOException e) {
            throw invalid(origin, e.getMessage());
        }
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    public static GateException invalid(String origin, String why) {
        return GateException.input(origin + ": " + why);
    }
}
