import SibylAnalysis
import Testing

struct PredictedViolationTests {
    /// A straight line `start + slope·k` for k = 1…steps.
    static func line(from start: Double, slope: Double, steps: Int = 120) -> [Double] {
        (1...steps).map { start + slope * Double($0) }
    }

    @Test("a trend that crosses the max at a known step")
    func trendCrossesMax() throws {
        // 100 + k crosses 150.5 first at k = 51: 255 s ahead at a 5 s step.
        let path = Self.line(from: 100, slope: 1)
        let got = try PredictedViolation(
            bound: .max, limit: 150.5, path: path, intervalEdge: nil, stepMilliseconds: 5_000)
        #expect(got.isPredicted)
        #expect(got.stepsUntilViolation == 51)
        #expect(got.secondsUntilViolation == 255)
        #expect(got.predictedExtreme == 220)
        #expect(got.intervalViolates == nil)
        #expect(got.stepsUntilIntervalViolation == nil)
    }

    @Test("a trend that does not cross within the horizon")
    func trendStaysInside() throws {
        let path = Self.line(from: 100, slope: 1)
        let got = try PredictedViolation(
            bound: .max, limit: 221, path: path, intervalEdge: nil, stepMilliseconds: 5_000)
        #expect(!got.isPredicted)
        #expect(got.stepsUntilViolation == nil)
        #expect(got.secondsUntilViolation == nil)
        #expect(got.predictedExtreme == 220)
    }

    @Test("reaching the bound exactly is not a violation")
    func touchingTheBoundIsInside() throws {
        let got = try PredictedViolation(
            bound: .max, limit: 220, path: Self.line(from: 100, slope: 1), intervalEdge: nil, stepMilliseconds: 5_000)
        #expect(!got.isPredicted)
        #expect(got.predictedExtreme == 220)
    }

    @Test("a falling trend crosses the min; the extreme is the path's minimum")
    func fallingTrendCrossesMin() throws {
        // 1000 − 10k < 500 first at k = 51.
        let got = try PredictedViolation(
            bound: .min, limit: 500, path: Self.line(from: 1000, slope: -10), intervalEdge: nil,
            stepMilliseconds: 5_000)
        #expect(got.stepsUntilViolation == 51)
        #expect(got.secondsUntilViolation == 255)
        #expect(got.predictedExtreme == -200)
    }

    @Test("an already violating path crosses at the first step")
    func violatingFromTheStart() throws {
        let got = try PredictedViolation(
            bound: .max, limit: 10, path: [50, 40, 30], intervalEdge: nil, stepMilliseconds: 1_000)
        #expect(got.stepsUntilViolation == 1)
        #expect(got.secondsUntilViolation == 1)
        #expect(got.predictedExtreme == 50)
    }

    @Test("a non-monotone path: the first crossing counts, not the extreme")
    func firstCrossingOfAWave() throws {
        let path: [Double] = [5, 11, 9, 30, 8]
        let got = try PredictedViolation(bound: .max, limit: 10, path: path, intervalEdge: nil, stepMilliseconds: 5_000)
        #expect(got.stepsUntilViolation == 2)
        #expect(got.secondsUntilViolation == 10)
        #expect(got.predictedExtreme == 30)
    }

    @Test("the interval may cross while the point forecast does not, and is reported apart")
    func intervalCrossesAlone() throws {
        let path = Self.line(from: 100, slope: 1, steps: 10)
        let upper = path.enumerated().map { $0.element + 2 * Double($0.offset + 1) }  // widening: 100+3k
        let lower = path.enumerated().map { $0.element - 2 * Double($0.offset + 1) }  // 100−k
        let predictions = try PredictedViolation.predictions(
            forecast: path, lower: lower, upper: upper, stepMilliseconds: 5_000,
            range: AllowedRange(min: 95, max: 120))
        #expect(predictions.map(\.bound) == [.min, .max])
        let (low, high) = (predictions[0], predictions[1])
        #expect(!low.isPredicted && !high.isPredicted)
        #expect(low.predictedExtreme == 101 && high.predictedExtreme == 110)
        #expect(low.intervalViolates == true && low.stepsUntilIntervalViolation == 6)  // 100 − 6 = 94 < 95
        #expect(high.intervalViolates == true && high.stepsUntilIntervalViolation == 7)  // 100 + 21 = 121 > 120
    }

    @Test("a range with only one bound gives one prediction")
    func oneBound() throws {
        let path = Self.line(from: 0, slope: 1, steps: 5)
        let onlyMax = try PredictedViolation.predictions(
            forecast: path, lower: nil, upper: path, stepMilliseconds: 5_000, range: AllowedRange(min: nil, max: 3))
        #expect(onlyMax.count == 1)
        #expect(onlyMax.first?.bound == .max && onlyMax.first?.stepsUntilViolation == 4)
        #expect(onlyMax.first?.intervalViolates == true)
        let onlyMin = try PredictedViolation.predictions(
            forecast: path, lower: path, upper: nil, stepMilliseconds: 5_000, range: AllowedRange(min: -1, max: nil))
        #expect(onlyMin.count == 1)
        #expect(onlyMin.first?.bound == .min && onlyMin.first?.isPredicted == false)
        #expect(onlyMin.first?.intervalViolates == false && onlyMin.first?.predictedExtreme == 1)
    }

    @Test("a Holt-Winters forecast of a rising line crosses the max within a step of the line's own crossing")
    func holtWintersForecastOfALine() throws {
        // 12 minutes of 5 s samples rising 0.5 a step with a period-5 season. The last sample is 380 on the
        // line; line plus season first exceeds 500.25 at k = 241 (500.5 − 0.2), inside a 300-step horizon.
        let values = (0..<144).map { 308.5 + 0.5 * Double($0) + [0, 0.2, -0.1, 0.1, -0.2][$0 % 5] }
        let timestamps = values.indices.map { Int64($0) * 5_000 }
        let pipeline = ForecastPipeline(resampler: try LinearResampler(stepMilliseconds: 5_000), steps: 300)
        let output = try pipeline.run(timestamps: timestamps, values: values)
        let forecast = output.path
        let got = try PredictedViolation.predictions(
            forecast: forecast.values, lower: forecast.lower, upper: forecast.upper, stepMilliseconds: 5_000,
            range: AllowedRange(min: nil, max: 500.25))
        let step = try #require(got.first?.stepsUntilViolation)
        #expect(abs(step - 241) <= 1)
        #expect(got.first?.intervalViolates == true)
        let notYet = try PredictedViolation.predictions(
            forecast: Array(forecast.values.prefix(120)), lower: nil, upper: nil, stepMilliseconds: 5_000,
            range: AllowedRange(min: nil, max: 500.25))
        #expect(notYet.first?.isPredicted == false)
    }

    @Test func rejectsBadInput() throws {
        #expect(throws: AnalysisError.self) {
            try PredictedViolation(bound: .max, limit: 1, path: [], intervalEdge: nil, stepMilliseconds: 5_000)
        }
        #expect(throws: AnalysisError.self) {
            try PredictedViolation(bound: .max, limit: 1, path: [0, .nan], intervalEdge: nil, stepMilliseconds: 5_000)
        }
        #expect(throws: AnalysisError.self) {
            try PredictedViolation(bound: .max, limit: 1, path: [0, 1], intervalEdge: [0], stepMilliseconds: 5_000)
        }
        #expect(throws: AnalysisError.self) {
            try PredictedViolation(bound: .min, limit: 1, path: [0], intervalEdge: [.nan], stepMilliseconds: 5_000)
        }
        #expect(throws: AnalysisError.self) {
            try PredictedViolation(bound: .min, limit: 1, path: [0], intervalEdge: nil, stepMilliseconds: 0)
        }
        #expect(throws: AnalysisError.self) {
            try PredictedViolation(bound: .min, limit: .infinity, path: [0], intervalEdge: nil, stepMilliseconds: 1)
        }
    }
}
