package com.dinsight.engine.internal;

/**
 * Levenberg-Marquardt for two unknowns, following MINPACK's lmder (the algorithm Apache
 * Commons Math's LevenbergMarquardtOptimizer ports): a trust region on the scaled step, the
 * same update of the region and of the damping parameter, the same acceptance test (ratio of
 * actual to predicted reduction at least 1e-4) and the same convergence tests (relative cost
 * reduction and relative step size below their tolerances, or the gradient orthogonal to the
 * residuals). With only two unknowns the damped normal equations are solved in closed form
 * from J^T J and J^T r, so one evaluation costs one pass over the residuals and allocates
 * nothing. A step is only taken when it lowers the cost, so the result is never worse than
 * the start.
 */
public final class Lm2 {

    private static final double EPSMCH = 2.220446049250313e-16;
    private static final double FACTOR = 100;

    /** The least-squares problem: residuals r(q) and their Jacobian, summarised. */
    public interface Problem {
        /**
         * Evaluates at (x, y): returns sum r_i^2, and writes J^T J as {a11, a12, a22} into
         * {@code jtj} and J^T r into {@code jtr}.
         */
        double evaluate(double x, double y, double[] jtj, double[] jtr);
    }

    /** Reusable work space; one per thread. */
    private final double[] jtj = new double[3];
    private final double[] jtr = new double[2];
    private final double[] jtjTrial = new double[3];
    private final double[] jtrTrial = new double[2];
    private final double[] step = new double[2];
    private double par;

    /** Iterations (Jacobian evaluations) of the last solve. */
    public int iterations;

    /**
     * Minimises from (x0, y0); writes {x, y, sum of squares} into {@code out}.
     *
     * @param ftol relative cost tolerance
     * @param xtol relative step tolerance
     * @param gtol orthogonality tolerance
     */
    public void solve(Problem f, double x0, double y0, double ftol, double xtol, double gtol, int maxIter,
                      double[] out) {
        double x = x0;
        double y = y0;
        double ss = f.evaluate(x, y, jtj, jtr);
        double fnorm = Math.sqrt(ss);
        double d0 = 0;
        double d1 = 0;
        double delta = 0;
        double xnorm = 0;
        par = 0;
        iterations = 0;
        boolean first = true;
        outer:
        while (iterations < maxIter) {
            iterations++;
            double c0 = Math.sqrt(jtj[0]);
            double c1 = Math.sqrt(jtj[2]);
            if (first) {
                d0 = c0 == 0 ? 1 : c0;
                d1 = c1 == 0 ? 1 : c1;
                xnorm = Math.hypot(d0 * x, d1 * y);
                delta = xnorm == 0 ? FACTOR : FACTOR * xnorm;
            }
            double gnorm = 0;
            if (fnorm != 0) {
                if (c0 != 0) {
                    gnorm = Math.max(gnorm, Math.abs(jtr[0]) / (c0 * fnorm));
                }
                if (c1 != 0) {
                    gnorm = Math.max(gnorm, Math.abs(jtr[1]) / (c1 * fnorm));
                }
            }
            if (gnorm <= gtol) {
                break;
            }
            d0 = Math.max(d0, c0);
            d1 = Math.max(d1, c1);
            double ratio;
            do {
                lmpar(d0, d1, delta);
                double px = step[0];
                double py = step[1];
                double pnorm = Math.hypot(d0 * px, d1 * py);
                if (first) {
                    delta = Math.min(delta, pnorm);
                }
                double ss1 = f.evaluate(x + px, y + py, jtjTrial, jtrTrial);
                double fnorm1 = Math.sqrt(ss1);
                double actred = 0.1 * fnorm1 < fnorm ? 1 - (fnorm1 / fnorm) * (fnorm1 / fnorm) : -1;
                double jp2 = jtj[0] * px * px + 2 * jtj[1] * px * py + jtj[2] * py * py;
                double temp1 = Math.sqrt(Math.max(0, jp2)) / fnorm;
                double temp2 = Math.sqrt(par) * pnorm / fnorm;
                double prered = temp1 * temp1 + 2 * temp2 * temp2;
                double dirder = -(temp1 * temp1 + temp2 * temp2);
                ratio = prered != 0 ? actred / prered : 0;
                if (ratio <= 0.25) {
                    double temp = actred >= 0 ? 0.5 : 0.5 * dirder / (dirder + 0.5 * actred);
                    if (0.1 * fnorm1 >= fnorm || temp < 0.1) {
                        temp = 0.1;
                    }
                    delta = temp * Math.min(delta, pnorm / 0.1);
                    par /= temp;
                } else if (par == 0 || ratio >= 0.75) {
                    delta = 2 * pnorm;
                    par *= 0.5;
                }
                if (ratio >= 1e-4 && ss1 < ss) {
                    x += px;
                    y += py;
                    ss = ss1;
                    fnorm = fnorm1;
                    System.arraycopy(jtjTrial, 0, jtj, 0, 3);
                    System.arraycopy(jtrTrial, 0, jtr, 0, 2);
                    xnorm = Math.hypot(d0 * x, d1 * y);
                    first = false;
                } else if (ratio >= 1e-4) {
                    ratio = 0;
                }
                if ((Math.abs(actred) <= ftol && prered <= ftol && 0.5 * ratio <= 1) || delta <= xtol * xnorm) {
                    break outer;
                }
                if ((Math.abs(actred) <= EPSMCH && prered <= EPSMCH && 0.5 * ratio <= 1)
                        || delta <= EPSMCH * xnorm || gnorm <= EPSMCH || !(delta > 0)) {
                    break outer;
                }
            } while (ratio < 1e-4);
        }
        out[0] = x;
        out[1] = y;
        out[2] = ss;
    }

    /**
     * The damped step p = -(A + par D^2)^-1 g with ||D p|| within 10% of delta (or the
     * Gauss-Newton step when that is shorter than 1.1 delta); sets {@link #par} and {@link #step}.
     */
    private void lmpar(double d0, double d1, double delta) {
        // scaled problem: (B + par I) w = -c, B = D^-1 A D^-1, c = D^-1 g, p = D^-1 w
        double b00 = jtj[0] / (d0 * d0);
        double b01 = jtj[1] / (d0 * d1);
        double b11 = jtj[2] / (d1 * d1);
        double c0 = jtr[0] / d0;
        double c1 = jtr[1] / d1;
        // eigen decomposition of the symmetric 2x2 B
        double half = 0.5 * (b00 + b11);
        double rad = Math.hypot(0.5 * (b00 - b11), b01);
        double mu0 = half + rad;
        double mu1 = Math.max(0, half - rad);
        double v0x;
        double v0y;
        if (rad == 0) {
            v0x = 1;
            v0y = 0;
        } else if (b00 >= b11) {
            double nx = mu0 - b11;
            double ny = b01;
            double l = Math.hypot(nx, ny);
            v0x = nx / l;
            v0y = ny / l;
        } else {
            double nx = b01;
            double ny = mu0 - b00;
            double l = Math.hypot(nx, ny);
            v0x = nx / l;
            v0y = ny / l;
        }
        double v1x = -v0y;
        double v1y = v0x;
        double e0 = v0x * c0 + v0y * c1;
        double e1 = v1x * c0 + v1y * c1;
        boolean singular = mu1 <= EPSMCH * mu0 || mu0 == 0;
        double lam = 0;
        double h0 = Double.POSITIVE_INFINITY;
        if (!singular) {
            h0 = Math.hypot(e0 / mu0, e1 / mu1);
        } else if (e1 == 0 && mu0 > 0) {
            h0 = Math.abs(e0 / mu0);
        }
        if (h0 <= 1.1 * delta) {
            lam = 0;
        } else {
            double cn = Math.hypot(e0, e1);
            double lo = 0;
            double hi = cn / delta;
            lam = Math.min(Math.max(par, lo), hi);
            if (lam == 0) {
                lam = Math.max(hi * 1e-3, Double.MIN_NORMAL);
            }
            for (int it = 0; it < 30; it++) {
                double a0 = mu0 + lam;
                double a1 = mu1 + lam;
                double h = Math.hypot(e0 / a0, e1 / a1);
                if (Math.abs(h - delta) <= 0.1 * delta) {
                    break;
                }
                if (h > delta) {
                    lo = lam;
                } else {
                    hi = lam;
                }
                double s3 = e0 * e0 / (a0 * a0 * a0) + e1 * e1 / (a1 * a1 * a1);
                double next = lam + (1 / delta - 1 / h) * h * h * h / s3;
                if (!(next > lo && next < hi)) {
                    next = lo > 0 ? Math.sqrt(lo * hi) : 0.5 * (lo + hi);
                }
                lam = next;
            }
        }
        double w0;
        double w1;
        if (lam == 0 && singular) {
            w0 = mu0 > 0 ? -e0 / mu0 : 0;
            w1 = 0;
        } else {
            w0 = -e0 / (mu0 + lam);
            w1 = -e1 / (mu1 + lam);
        }
        double sx = v0x * w0 + v1x * w1;
        double sy = v0y * w0 + v1y * w1;
        step[0] = sx / d0;
        step[1] = sy / d1;
        par = lam;
    }
}
