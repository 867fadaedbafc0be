import SibylTestSupport
import SibylWire
import Testing

@testable import Sibyl

struct BackfillProgressTests {
    @Test("progress counts cycles done, pending and failed, and the time left at the pace so far")
    func counts() throws {
        let progress = BackfillProgress()
        #expect(progress.counts.remainingSeconds == nil)
        progress.plan(10)
        progress.done(seconds: 2)
        progress.done(seconds: 4)
        progress.failed(3)
        let counts = progress.counts
        #expect(counts == BackfillProgress.Counts(done: 2, pending: 5, failed: 3, seconds: 6))
        #expect(counts.total == 10)
        #expect(counts.remainingSeconds == 15)
        let text = try ExpositionWriter().renderString(progress.families())
        #expect(ExposedSample.find(in: text, "sibyl_backfill_cycles", ["state": "done"]).first?.value == 2)
        #expect(ExposedSample.find(in: text, "sibyl_backfill_cycles", ["state": "pending"]).first?.value == 5)
        #expect(ExposedSample.find(in: text, "sibyl_backfill_cycles", ["state": "failed"]).first?.value == 3)
    }

    @Test("the status page says how far the backfill has come, and when it is done")
    func statusText() {
        let running = StatusPage.backfillText(BackfillProgress.Counts(done: 120, pending: 240, failed: 0, seconds: 60))
        #expect(running == #"<span id="backfill">120 of 360 past cycles (33 %), about 2m left</span>"#)
        let done = StatusPage.backfillText(BackfillProgress.Counts(done: 358, pending: 0, failed: 2, seconds: 60))
        #expect(done == #"<span id="backfill">done: 358 past cycles, <span class="error">2 failed</span></span>"#)
    }
}
