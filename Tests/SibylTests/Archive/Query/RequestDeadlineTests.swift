import Testing

@testable import Sibyl

struct RequestDeadlineTests {
    @Test("a deadline is exceeded once its time has come, never without one")
    func exceeded() {
        #expect(RequestDeadline.none.exceeded(path: "a.db") == nil)
        #expect(RequestDeadline(after: .seconds(60)).exceeded(path: "a.db") == nil)
        let error = RequestDeadline(after: .zero).exceeded(path: "a.db")
        #expect(error?.code == .timedOut)
        #expect(error?.description == "archive a.db: the request ran past its deadline of 0.0 seconds")
    }

    @Test("a timeout is not among the reasons the archive writer counts")
    func notAWriteError() {
        #expect(!ArchiveError.Code.all.contains(.timedOut))
        #expect(ArchiveError.Code.all.count == 9)
    }
}
