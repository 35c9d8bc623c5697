package com.dinsight.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What a completed baseline analysis keeps, as one immutable blob: the 2D point of every row (in
 * row order) and the {@link BaselineModel} monitoring needs. Replay and monitoring read this blob;
 * they never re-run the optimiser.
 */
public record StoredBaseline(double[] x, double[] y, BaselineModel model) {

    private static final int MAGIC = 0x44494231; // "DIB1"

    public static StoredBaseline of(EmbeddingResult result) {
        return new StoredBaseline(result.x(), result.y(), result.model());
    }

    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * x.length + 1024);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(x.length);
            for (double v : x) {
                out.writeDouble(v);
            }
            for (double v : y) {
                out.writeDouble(v);
            }
            BaselineModelCodec.write(model, out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static StoredBaseline fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("Not a stored baseline");
            }
            int n = in.readInt();
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = in.readDouble();
            }
            for (int i = 0; i < n; i++) {
                y[i] = in.readDouble();
            }
            return new StoredBaseline(x, y, BaselineModelCodec.read(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
