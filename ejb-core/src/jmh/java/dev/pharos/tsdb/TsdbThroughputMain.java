package dev.pharos.tsdb;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The append and select bars measured in thread CPU time as well as wall time, for shared
 * machines where other processes take cores away (then wall-clock JMH figures understate the
 * per-core rate). Same workloads as {@link TsdbAppendBench} and {@link TsdbSelectBench}.
 * Run: {@code java -cp <test classpath> dev.pharos.tsdb.TsdbThroughputMain}.
 */
public final class TsdbThroughputMain {

    public static void main(String[] args) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 4; round++) {
            TsdbAppendBench a = new TsdbAppendBench();
            a.wal = true;
            a.walCompression = round == 3;
            a.setup();
            int scrapes = 600;
            long c0 = mx.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            for (int i = 0; i < scrapes; i++) {
                a.scrape();
            }
            a.db.sync();
            long cpu = mx.getCurrentThreadCpuTime() - c0;
            long wall = System.nanoTime() - w0;
            long samples = (long) scrapes * TsdbAppendBench.SERIES;
            long walBytes = a.db.sizeOnDisk() - a.db.headChunkFileBytes();
            System.out.printf("append (WAL on%s) round %d: %d samples, %.2f M samples/s per CPU-second, %.2f M/s wall,"
                    + " WAL %.2f bytes/sample%n", a.walCompression ? ", snappy" : "", round, samples,
                    samples / (cpu / 1e9) / 1e6, samples / (wall / 1e9) / 1e6, walBytes / (double) samples);
            a.tearDown();
        }
        for (String src : new String[] {"block", "head"}) {
            TsdbSelectBench s = new TsdbSelectBench();
            s.source = src;
            s.setup();
            for (int round = 0; round < 5; round++) {
                long c0 = mx.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                long n = 0;
                for (int i = 0; i < 5; i++) {
                    n += s.read();
                }
                long cpu = mx.getCurrentThreadCpuTime() - c0;
                long wall = System.nanoTime() - w0;
                System.out.printf("select rate-shaped from %s round %d: %d samples, %.1f M samples/s per CPU-second, "
                        + "%.1f M/s wall%n", src, round, n, n / (cpu / 1e9) / 1e6, n / (wall / 1e9) / 1e6);
            }
            s.tearDown();
        }
    }
}
