package dev.imagesearch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

class NettyLeakCheckTest {

  @Test
  void theBuildTracksEveryBuffer() {
    assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
  }

  @Test
  void aBufferDroppedWithoutReleaseIsFound() throws InterruptedException {
    NettyLeakCheck.collect();
    leakOne();

    assertThat(NettyLeakCheck.collect()).singleElement().asString().contains("ByteBuf leaked");
  }

  @Test
  void aReleasedBufferIsNotALeak() throws InterruptedException {
    NettyLeakCheck.collect();
    ByteBuf buffer = ByteBufAllocator.DEFAULT.directBuffer(1024);
    buffer.writeLong(42);
    buffer.release();

    assertThat(NettyLeakCheck.collect()).isEmpty();
  }

  private static void leakOne() {
    ByteBuf buffer = ByteBufAllocator.DEFAULT.directBuffer(1024);
    buffer.writeLong(42);
  }
}
