package import Hummingbird
import NIOCore

extension Router {
    /// Adds `GET /`: the status page (``StatusPage``) of the snapshot taken at each request.
    /// - Parameter snapshot: takes the snapshot; it must be cheap and not block.
    package func addStatusRoute(_ snapshot: @escaping @Sendable () -> StatusSnapshot) {
        get("/") { _, _ -> Response in
            Response(
                status: .ok,
                headers: [.contentType: StatusPage.contentType, .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: StatusPage(snapshot()).render())))
        }
    }
}
