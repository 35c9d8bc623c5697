package com.dinsight.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.dinsight.engine.internal.Kernel;
import com.dinsight.engine.internal.Lm2;
import java.util.Random;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;
import org.junit.jupiter.api.Test;

/** The engine's two-unknown Levenberg-Marquardt against Apache Commons Math's MINPACK port. */
class Lm2Test {

    @Test
    void reaches_the_cost_commons_math_reaches_and_never_rises_above_the_start() {
        Random rnd = new Random(3);
        Kernel k = new Kernel(0.8, 0.3, 1.0);
        for (int trial = 0; trial < 40; trial++) {
            int n = 30 + rnd.nextInt(100);
            double[] pts = new double[2 * n];
            for (int i = 0; i < pts.length; i++) {
                pts[i] = (rnd.nextDouble() - 0.5) * 0.6;
            }
            double tx = (rnd.nextDouble() - 0.5) * 0.6;
            double ty = (rnd.nextDouble() - 0.5) * 0.6;
            double[] t = new double[n];
            for (int i = 0; i < n; i++) {
                double dx = tx - pts[2 * i];
                double dy = ty - pts[2 * i + 1];
                t[i] = k.fromSquared(dx * dx + dy * dy) + 0.02 * rnd.nextGaussian();
            }
            int start = rnd.nextInt(n);
            double x0 = pts[2 * start];
            double y0 = pts[2 * start + 1];
            Lm2.Problem problem = (x, y, jtj, jtr) -> {
                double ss = 0;
                jtj[0] = jtj[1] = jtj[2] = jtr[0] = jtr[1] = 0;
                for (int i = 0; i < n; i++) {
                    double dx = x - pts[2 * i];
                    double dy = y - pts[2 * i + 1];
                    double d2 = dx * dx + dy * dy;
                    double r = t[i] - k.fromSquared(d2);
                    double g = k.gFromSquared(d2);
                    double jx = -g * dx;
                    double jy = -g * dy;
                    ss += r * r;
                    jtj[0] += jx * jx;
                    jtj[1] += jx * jy;
                    jtj[2] += jy * jy;
                    jtr[0] += jx * r;
                    jtr[1] += jy * r;
                }
                return ss;
            };
            double[] out = new double[3];
            new Lm2().solve(problem, x0, y0, 1e-7, 1e-7, 1e-10, 1000, out);
            double startCost = Projector.cost(k, pts, n, t, x0, y0) * n;
            double reference = commonsMath(k, pts, n, t, x0, y0);
            assertThat(out[2]).isLessThanOrEqualTo(startCost);
            assertThat(out[2]).isLessThanOrEqualTo(reference * (1 + 1e-5) + 1e-12);
        }
    }

    private static double commonsMath(Kernel k, double[] pts, int n, double[] t, double x0, double y0) {
        MultivariateJacobianFunction model = q -> {
            double[] values = new double[n];
            double[][] jac = new double[n][2];
            for (int i = 0; i < n; i++) {
                double dx = q.getEntry(0) - pts[2 * i];
                double dy = q.getEntry(1) - pts[2 * i + 1];
                double d2 = dx * dx + dy * dy;
                values[i] = k.fromSquared(d2);
                jac[i][0] = k.gFromSquared(d2) * dx;
                jac[i][1] = k.gFromSquared(d2) * dy;
            }
            return new Pair<RealVector, RealMatrix>(new ArrayRealVector(values, false), new Array2DRowRealMatrix(jac, false));
        };
        var optimum = new LevenbergMarquardtOptimizer().withCostRelativeTolerance(1e-7)
                .withParameterRelativeTolerance(1e-7)
                .optimize(new LeastSquaresBuilder().start(new double[] {x0, y0}).model(model).target(t)
                        .maxIterations(1000).maxEvaluations(100000).build());
        return optimum.getCost() * optimum.getCost();
    }
}
