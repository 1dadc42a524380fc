package nl.lvds.pipeline.review;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet's ZSTD compression (and no compression) through zstd-jni, without parquet-java's own
 * codec factory, which loads Hadoop's codec classes. Enough to write and read the review's Parquet
 * files with no Hadoop on the class path.
 */
final class ZstdCodecs implements CompressionCodecFactory {

    /** The compression level (zstd's default). */
    static final int LEVEL = 3;

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        check(codec);
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                byte[] in = bytes.toByteArray();
                return codec == CompressionCodecName.UNCOMPRESSED
                        ? BytesInput.from(in)
                        : BytesInput.from(Zstd.compress(in, LEVEL));
            }

            @Override
            public CompressionCodecName getCodecName() {
                return codec;
            }

            @Override
            public void release() {}
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        check(codec);
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int uncompressedSize)
                    throws IOException {
                byte[] in = bytes.toByteArray();
                return codec == CompressionCodecName.UNCOMPRESSED
                        ? BytesInput.from(in)
                        : BytesInput.from(Zstd.decompress(in, uncompressedSize));
            }

            @Override
            public void decompress(
                    ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                    throws IOException {
                byte[] in = new byte[compressedSize];
                input.get(in);
                output.put(
                        codec == CompressionCodecName.UNCOMPRESSED
                                ? in
                                : Zstd.decompress(in, uncompressedSize));
            }

            @Override
            public void release() {}
        };
    }

    @Override
    public void release() {}

    private static void check(CompressionCodecName codec) {
        if (codec != CompressionCodecName.ZSTD && codec != CompressionCodecName.UNCOMPRESSED) {
            throw new UnsupportedOperationException(
                    "the review reads and writes ZSTD or uncompressed Parquet only, not " + codec);
        }
    }
}
