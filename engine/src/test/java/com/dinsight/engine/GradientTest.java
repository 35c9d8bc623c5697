package com.dinsight.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.dinsight.engine.internal.CostGradient;
import com.dinsight.engine.internal.Kernel;
import com.dinsight.engine.internal.PairChunks;
import com.dinsight.engine.internal.Parallel;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Both analytic gradients against central finite differences on small random problems. */
class GradientTest {

    private static double relativeError(double[] analytic, double[] numeric) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < analytic.length; i++) {
            diff += (analytic[i] - numeric[i]) * (analytic[i] - numeric[i]);
            norm += numeric[i] * numeric[i];
        }
        return Math.sqrt(diff / norm);
    }

    @Test
    void the_embedding_cost_gradient_matches_finite_differences() {
        Random rnd = new Random(11);
        int n = 9;
        PairChunks layout = new PairChunks(n);
        double[] targets = new double[(int) layout.pairs];
        for (int k = 0; k < targets.length; k++) {
            targets[k] = rnd.nextDouble() * 1.2 - 0.2;
        }
        for (double[] kernel : new double[][] {{0.8, 0.31, 1.0}, {0.3, 0.05, 0.7}}) {
            try (Parallel par = new Parallel(2)) {
                CostGradient cg = new CostGradient(layout, targets, new Kernel(kernel[0], kernel[1], kernel[2]), par);
                double[] p = new double[2 * n];
                for (int i = 0; i < p.length; i++) {
                    p[i] = rnd.nextDouble() - 0.5;
                }
                p[2] = p[0]; // a coincident pair: the gradient form has no 1/d
                p[3] = p[1];
                double[] grad = new double[2 * n];
                cg.evaluate(p, grad);
                double[] numeric = new double[2 * n];
                double h = 1e-6;
                double[] scratch = new double[2 * n];
                for (int i = 0; i < p.length; i++) {
                    double keep = p[i];
                    p[i] = keep + h;
                    double up = cg.evaluate(p, scratch);
                    p[i] = keep - h;
                    double down = cg.evaluate(p, scratch);
                    p[i] = keep;
                    numeric[i] = (up - down) / (2 * h);
                }
                assertThat(relativeError(grad, numeric)).isLessThan(1e-5);
            }
        }
    }

    @Test
    void the_projection_cost_gradient_matches_finite_differences() {
        Random rnd = new Random(5);
        int n = 12;
        int m = 6;
        double[] values = new double[n * m];
        for (int i = 0; i < values.length; i++) {
            values[i] = rnd.nextGaussian();
        }
        String[] names = {"f_0", "f_1", "f_2", "f_3", "f_4", "f_5"};
        try (DInsightEngine engine = new DInsightEngine(1)) {
            BaselineModel model = engine.embed(FeatureTable.of("random", names, values),
                    EngineConfig.defaults().with("end_dim", "f_5"), 1).model();
            Projector projector = new Projector(model);
            double[] row = new double[m];
            for (int c = 0; c < m; c++) {
                row[c] = rnd.nextGaussian();
            }
            projector.place(row, m, 0, 1, new double[2], null);
            double[] t = projector.lastTargets();
            Kernel k = new Kernel(model.config().a(), model.w1(), model.config().w2());
            for (int trial = 0; trial < 5; trial++) {
                double qx = rnd.nextDouble() - 0.5;
                double qy = rnd.nextDouble() - 0.5;
                double[] jtj = new double[3];
                double[] jtr = new double[2];
                projector.evaluate(qx, qy, jtj, jtr);
                // C = (1/N) sum r^2, so grad C = (2/N) J^T r
                double[] analytic = {2.0 / n * jtr[0], 2.0 / n * jtr[1]};
                double h = 1e-6;
                double[] numeric = {
                    (Projector.cost(k, model.refPoints, n, t, qx + h, qy) - Projector.cost(k, model.refPoints, n, t, qx - h, qy)) / (2 * h),
                    (Projector.cost(k, model.refPoints, n, t, qx, qy + h) - Projector.cost(k, model.refPoints, n, t, qx, qy - h)) / (2 * h)};
                assertThat(relativeError(analytic, numeric)).isLessThan(1e-5);
            }
        }
    }
}
