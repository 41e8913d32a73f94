package dev.nabla.nn.init;

/** Which fan scales a He (Kaiming) initialisation: fan in preserves forward variance, fan out backward. */
public enum FanMode {
    FAN_IN, FAN_OUT
}
