package com.dinsight.engine;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A compact, versioned binary form of {@link BaselineModel} (big-endian, DataOutputStream),
 * exact to the bit: a model read back projects and scores exactly as the original did.
 * Layout: magic {@code DINSBM}, version, the configuration as key/value text, then the
 * fields in declaration order, arrays as a length followed by the values.
 */
public final class BaselineModelCodec {

    private static final String MAGIC = "DINSBM";
    private static final int VERSION = 1;

    private BaselineModelCodec() {
    }

    public static void write(BaselineModel m, OutputStream out) throws IOException {
        DataOutputStream o = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        o.writeUTF(MAGIC);
        o.writeInt(VERSION);
        Map<String, Object> cfg = m.config.toMap();
        o.writeInt(cfg.size());
        for (Map.Entry<String, Object> e : cfg.entrySet()) {
            o.writeUTF(e.getKey());
            o.writeUTF(String.valueOf(e.getValue()));
        }
        o.writeUTF(m.method);
        o.writeLong(m.seed);
        o.writeInt(m.baselineRows);
        o.writeInt(m.featureNames.length);
        for (String s : m.featureNames) {
            o.writeUTF(s);
        }
        doubles(o, m.means);
        doubles(o, m.sds);
        ints(o, m.kept);
        ints(o, m.used);
        doubles(o, m.centre);
        o.writeInt(m.refCount);
        doubles(o, m.refs);
        doubles(o, m.refNorms);
        doubles(o, m.refPoints);
        o.writeDouble(m.dmin);
        o.writeDouble(m.dmax);
        o.writeDouble(m.w1);
        o.writeBoolean(m.singular);
        doubles(o, m.mu);
        doubles(o, m.cov);
        o.writeDouble(m.mdThreshold);
        o.writeDouble(m.zThreshold);
        o.flush();
    }

    public static byte[] toBytes(BaselineModel m) {
        var bytes = new java.io.ByteArrayOutputStream();
        try {
            write(m, bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static BaselineModel fromBytes(byte[] bytes) {
        try {
            return read(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new InvalidInputException(InvalidInputException.Reason.BAD_MODEL, "not a baseline model: " + e);
        }
    }

    public static BaselineModel read(InputStream in) throws IOException {
        DataInputStream i = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        if (!MAGIC.equals(i.readUTF())) {
            throw new InvalidInputException(InvalidInputException.Reason.BAD_MODEL, "not a baseline model");
        }
        int version = i.readInt();
        if (version != VERSION) {
            throw new InvalidInputException(InvalidInputException.Reason.BAD_MODEL,
                    "unsupported baseline model version " + version);
        }
        int entries = i.readInt();
        Map<String, Object> cfg = new LinkedHashMap<>();
        for (int k = 0; k < entries; k++) {
            cfg.put(i.readUTF(), i.readUTF());
        }
        EngineConfig config = EngineConfig.fromMap(cfg);
        String method = i.readUTF();
        long seed = i.readLong();
        int rows = i.readInt();
        String[] names = new String[i.readInt()];
        for (int k = 0; k < names.length; k++) {
            names[k] = i.readUTF();
        }
        double[] means = doubles(i);
        double[] sds = doubles(i);
        int[] kept = ints(i);
        int[] used = ints(i);
        double[] centre = doubles(i);
        int refCount = i.readInt();
        double[] refs = doubles(i);
        double[] refNorms = doubles(i);
        double[] refPoints = doubles(i);
        double dmin = i.readDouble();
        double dmax = i.readDouble();
        double w1 = i.readDouble();
        boolean singular = i.readBoolean();
        double[] mu = doubles(i);
        double[] cov = doubles(i);
        double md = i.readDouble();
        double z = i.readDouble();
        return new BaselineModel(config, method, seed, rows, names, means, sds, kept, used, centre, refCount, refs,
                refNorms, refPoints, dmin, dmax, w1, singular, mu, cov, md, z);
    }

    private static void doubles(DataOutputStream o, double[] a) throws IOException {
        o.writeInt(a.length);
        for (double v : a) {
            o.writeDouble(v);
        }
    }

    private static void ints(DataOutputStream o, int[] a) throws IOException {
        o.writeInt(a.length);
        for (int v : a) {
            o.writeInt(v);
        }
    }

    private static double[] doubles(DataInputStream i) throws IOException {
        double[] a = new double[checkedLength(i.readInt())];
        for (int k = 0; k < a.length; k++) {
            a[k] = i.readDouble();
        }
        return a;
    }

    private static int[] ints(DataInputStream i) throws IOException {
        int[] a = new int[checkedLength(i.readInt())];
        for (int k = 0; k < a.length; k++) {
            a[k] = i.readInt();
        }
        return a;
    }

    private static int checkedLength(int n) throws IOException {
        if (n < 0) {
            throw new IOException("negative array length");
        }
        return n;
    }
}
