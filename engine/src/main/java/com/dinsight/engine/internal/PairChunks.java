package com.dinsight.engine.internal;

/**
 * Splits the pairs i &lt; j of N rows into chunks of consecutive rows i with about equal pair
 * counts. The split depends on N only, never on the number of threads, so per-chunk partial
 * results combined in chunk order are bit-identical however many threads ran them.
 *
 * <p>Pairs are stored packed, row by row: pair (i, j) is at {@code offset(i) + j - i - 1}.
 */
public final class PairChunks {

    /** Rows beyond which packed pair indices would not fit in an int. */
    public static final int MAX_ROWS = 46_000;

    private static final long PAIRS_PER_CHUNK = 4096;
    private static final int MAX_CHUNKS = 64;

    public final int n;
    public final long pairs;
    /** chunk c covers rows start[c] (inclusive) to start[c + 1] (exclusive). */
    public final int[] start;

    public PairChunks(int n) {
        if (n > MAX_ROWS) {
            throw new IllegalArgumentException("too many rows for the exact method: " + n);
        }
        this.n = n;
        this.pairs = (long) n * (n - 1) / 2;
        int chunks = (int) Math.max(1, Math.min(MAX_CHUNKS, pairs / PAIRS_PER_CHUNK));
        chunks = Math.min(chunks, Math.max(1, n - 1));
        int[] s = new int[chunks + 1];
        int row = 0;
        for (int c = 1; c < chunks; c++) {
            long target = pairs * c / chunks;
            while (row < n && offset(row + 1) <= target) {
                row++;
            }
            s[c] = Math.max(row, s[c - 1]);
        }
        s[chunks] = n;
        this.start = s;
    }

    public int chunks() {
        return start.length - 1;
    }

    /** Index of the first pair (i, i + 1) of row i. */
    public long offset(int i) {
        return (long) i * (2L * n - i - 1) / 2;
    }

    public int index(int i, int j) {
        return (int) (offset(i) + (j - i - 1));
    }
}
