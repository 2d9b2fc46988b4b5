import Histogram

/// The `--hdr FILE` text: HdrHistogram's percentile distribution in
/// milliseconds, the layout wrk2 prints and HdrHistogram's plotter reads.
public enum HdrDistribution {
    public static func render(_ histogram: Histogram<UInt64>) -> String {
        var text = ""
        histogram.outputPercentileDistribution(to: &text, outputValueUnitScalingRatio: 1000)
        return text
    }
}
