package com.dinsight.engine.internal;

/**
 * The similarity f(d) = a exp(-d^2/w1) + (1 - a)(1 - d^2/w2) and g(d) = f'(d)/d
 * = -2a/w1 exp(-d^2/w1) - 2(1 - a)/w2.
 */
public final class Kernel {
    public final double a;
    public final double w1;
    public final double w2;
    final double negInvW1;
    final double invW2;
    final double b;
    final double ga;
    final double gb;

    public Kernel(double a, double w1, double w2) {
        this.a = a;
        this.w1 = w1;
        this.w2 = w2;
        this.negInvW1 = -1 / w1;
        this.invW2 = 1 / w2;
        this.b = 1 - a;
        this.ga = -2 * a / w1;
        this.gb = -2 * (1 - a) / w2;
    }

    public double f(double d) {
        double d2 = d * d;
        return a * Math.exp(d2 * negInvW1) + b * (1 - d2 * invW2);
    }

    public double fromSquared(double d2) {
        return a * Math.exp(d2 * negInvW1) + b * (1 - d2 * invW2);
    }

    public double gFromSquared(double d2) {
        return ga * Math.exp(d2 * negInvW1) + gb;
    }
}
