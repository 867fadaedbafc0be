package import Hummingbird
package import NIOCore

/// The request context of Sibyl's routes: Hummingbird's basics and the client's address, which the objectives'
/// API logs with every change it makes.
package struct SibylRequestContext: RequestContext, RemoteAddressRequestContext {
    package var coreContext: CoreRequestContextStorage
    /// The connection's peer, `nil` when the channel has none (e.g. an embedded channel).
    package let remoteAddress: SocketAddress?

    package init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
