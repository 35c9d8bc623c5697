package com.dinsight.engine;

import com.dinsight.engine.internal.Gram;
import com.dinsight.engine.internal.Kernel;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Section 2: places one raw row against a model's reference rows, which stay fixed.
 * Not thread-safe (it reuses buffers): use one per thread.
 */
final class Projector {

    private static final double CANCELLATION = 1e-3;

    private final BaselineModel model;
    private final Kernel kernel;
    private final double[] zc;
    private final double[] targets;
    private final LevenbergMarquardtOptimizer optimizer;

    Projector(BaselineModel model) {
        this.model = model;
        this.kernel = new Kernel(model.config.a(), model.w1, model.config.w2());
        this.zc = new double[model.used.length];
        this.targets = new double[model.refCount];
        double tol = model.config.gamma0();
        this.optimizer = new LevenbergMarquardtOptimizer()
                .withCostRelativeTolerance(tol)
                .withParameterRelativeTolerance(tol);
    }

    /**
     * The scaled and centred form of a raw row (input feature order, starting at {@code off}),
     * written to {@code out}. Baseline rows and monitoring rows go through this same code.
     */
    static void transform(BaselineModel m, double[] raw, int off, double[] out) {
        int[] used = m.used;
        boolean standard = EngineConfig.STANDARD.equals(m.config.featureScaling());
        for (int u = 0; u < used.length; u++) {
            int c = used[u];
            double v = raw[off + c];
            if (standard) {
                v = (v - m.means[c]) / m.sds[c];
            }
            out[u] = v - m.centre[u];
        }
    }

    /** Places the raw row at {@code raw[off..]}; writes x, y into {@code out[2*slot]}. */
    void place(double[] raw, int off, double[] out, int slot) {
        BaselineModel m = model;
        transform(m, raw, off, zc);
        int d = zc.length;
        double norm = Gram.dot(zc, 0, zc, 0, d);
        int refs = m.refCount;
        double range = m.dmax - m.dmin;
        int nearest = 0;
        double nearestD2 = Double.POSITIVE_INFINITY;
        for (int i = 0; i < refs; i++) {
            double sum = norm + m.refNorms[i];
            double d2 = sum - 2 * Gram.dot(zc, 0, m.refs, i * d, d);
            if (d2 <= CANCELLATION * sum) {
                d2 = Gram.directSquared(zc, 0, m.refs, i * d, d);
            }
            d2 = Math.max(0, d2);
            if (d2 < nearestD2) {
                nearestD2 = d2;
                nearest = i;
            }
            targets[i] = kernel.f(Math.max(0, (Math.sqrt(d2) - m.dmin) / range));
        }
        double[] q = fit(m.refPoints, refs, targets, m.refPoints[2 * nearest], m.refPoints[2 * nearest + 1]);
        out[2 * slot] = q[0];
        out[2 * slot + 1] = q[1];
    }

    /** Least squares on T_i - f(||q - p_i||) by Levenberg-Marquardt; never worse than the start. */
    double[] fit(double[] points, int refs, double[] t, double x0, double y0) {
        double[] best = {x0, y0, Double.POSITIVE_INFINITY};
        Kernel k = kernel;
        MultivariateJacobianFunction model = q -> {
            double qx = q.getEntry(0);
            double qy = q.getEntry(1);
            double[] values = new double[refs];
            double[][] jac = new double[refs][2];
            double cost = 0;
            for (int i = 0; i < refs; i++) {
                double dx = qx - points[2 * i];
                double dy = qy - points[2 * i + 1];
                double d2 = dx * dx + dy * dy;
                double f = k.fromSquared(d2);
                double g = k.gFromSquared(d2);
                values[i] = f;
                jac[i][0] = g * dx;
                jac[i][1] = g * dy;
                double r = t[i] - f;
                cost += r * r;
            }
            if (cost < best[2]) {
                best[0] = qx;
                best[1] = qy;
                best[2] = cost;
            }
            return new Pair<RealVector, org.apache.commons.math3.linear.RealMatrix>(
                    new ArrayRealVector(values, false), new Array2DRowRealMatrix(jac, false));
        };
        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .start(new double[] {x0, y0})
                .model(model)
                .target(t)
                .lazyEvaluation(false)
                .maxIterations(model().config.imax())
                .maxEvaluations(Integer.MAX_VALUE)
                .build();
        try {
            optimizer.optimize(problem);
        } catch (RuntimeException tooManyOrNoProgress) {
            // keep the best point evaluated so far
        }
        return new double[] {best[0], best[1]};
    }

    private BaselineModel model() {
        return model;
    }

    /** C(q) = (1/N) sum (T_i - f(||q - p_i||))^2, for tests and reports. */
    static double cost(Kernel k, double[] points, int refs, double[] t, double qx, double qy) {
        double c = 0;
        for (int i = 0; i < refs; i++) {
            double dx = qx - points[2 * i];
            double dy = qy - points[2 * i + 1];
            double r = t[i] - k.fromSquared(dx * dx + dy * dy);
            c += r * r;
        }
        return c / refs;
    }
}
