package dev.partnerflow.steps.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/** A TCP listener on 127.0.0.1 that only counts accepted connections: proof that nothing connected. */
public final class CountingSocket implements AutoCloseable {
  private final ServerSocket socket;
  private final AtomicInteger accepted = new AtomicInteger();
  private final Thread acceptor;

  public CountingSocket() {
    try {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    acceptor = new Thread(() -> {
      while (!socket.isClosed()) {
        try (Socket s = socket.accept()) {
          accepted.incrementAndGet();
        } catch (IOException e) {
          return;
        }
      }
    }, "counting-socket");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return socket.getLocalPort();
  }

  public int accepted() {
    return accepted.get();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
