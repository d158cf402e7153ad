// Oracle fixtures for the stages whose results come from java.util.Random (MinHashLSH's coefficients,
// RandomSplitter's choices): run by a real JVM, so Eddy's LCG is checked against Java's own Random.
//
// Run: java scripts/ml/FlinkRandomOracle.java > test/ml/fixtures/java-random.json   (Java 11+, no dependencies)
//
// The MinHash and splitter code below is copied in spirit from Flink ML 2.3 (MinHashLSHModelData.generateModelData and
// hashFunction, RandomSplitter.SplitterOperator), written against plain arrays so it runs without Flink.
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

public class FlinkRandomOracle {
    static final int HASH_PRIME = 2038074743;

    static String arr(int[] a) { return Arrays.toString(a); }
    static String arr(long[] a) { return Arrays.toString(a); }
    static String arr(double[] a) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) { if (i > 0) sb.append(", "); sb.append(Double.toString(a[i])); }
        return sb.append("]").toString();
    }

    static String randomCase(long seed) {
        Random r = new Random(seed);
        int[] ints = new int[5];
        for (int i = 0; i < 5; i++) ints[i] = r.nextInt();
        int[] bounded = new int[5];
        for (int i = 0; i < 5; i++) bounded[i] = r.nextInt(HASH_PRIME - 1);
        int[] small = new int[5];
        for (int i = 0; i < 5; i++) small[i] = r.nextInt(1 << 4);
        double[] doubles = new double[5];
        for (int i = 0; i < 5; i++) doubles[i] = r.nextDouble();
        return String.format("{\"seed\": %d, \"nextInt\": %s, \"nextIntPrimeBound\": %s, \"nextInt16\": %s, \"nextDouble\": %s}", seed, arr(ints), arr(bounded), arr(small), arr(doubles));
    }

    /** MinHashLSHModelData.generateModelData and hashFunction, as in Flink ML 2.3. */
    static String minHashCase(int numTables, int perTable, long seed, int[][] vectors) {
        Random random = new Random(seed);
        int n = numTables * perTable;
        int[] a = new int[n];
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = 1 + random.nextInt(HASH_PRIME - 1);
            b[i] = random.nextInt(HASH_PRIME - 1);
        }
        List<String> hashes = new ArrayList<>();
        for (int[] indices : vectors) {
            List<String> tables = new ArrayList<>();
            for (int i = 0; i < numTables; i++) {
                double[] h = new double[perTable];
                for (int j = 0; j < perTable; j++) {
                    int coeffA = a[i * perTable + j];
                    int coeffB = b[i * perTable + j];
                    long minv = HASH_PRIME;
                    for (int index : indices) minv = Math.min(minv, ((1L + index) * coeffA + coeffB) % HASH_PRIME);
                    h[j] = minv;
                }
                tables.add(arr(h));
            }
            hashes.add(tables.toString());
        }
        List<String> vs = new ArrayList<>();
        for (int[] v : vectors) vs.add(arr(v));
        return String.format("{\"numHashTables\": %d, \"numHashFunctionsPerTable\": %d, \"seed\": %d, \"randCoefficientA\": %s, \"randCoefficientB\": %s, \"indices\": %s, \"hashes\": %s}",
                numTables, perTable, seed, arr(a), arr(b), vs, hashes);
    }

    /** RandomSplitter.SplitterOperator for one subtask: the output table of each of `count` records. */
    static String splitterCase(double[] weights, long seed, int subtask, int count) {
        double[] fractions = new double[weights.length];
        double sum = 0;
        for (double w : weights) sum += w;
        double current = 0;
        for (int i = 0; i < weights.length; i++) { current += weights[i]; fractions[i] = current / sum; }
        // Tuple2.of(seed, subtask).hashCode(): 31 * Long.hashCode(seed) + Integer.hashCode(subtask)
        int tupleHash = 31 * Long.valueOf(seed).hashCode() + Integer.valueOf(subtask).hashCode();
        Random random = new Random(tupleHash);
        int[] tables = new int[count];
        for (int k = 0; k < count; k++) {
            int searchResult = Arrays.binarySearch(fractions, random.nextDouble());
            int index = searchResult < 0 ? -searchResult - 2 : searchResult - 1;
            tables[k] = index + 1;
        }
        return String.format("{\"weights\": %s, \"seed\": %d, \"subtask\": %d, \"tables\": %s}", arr(weights), seed, subtask, arr(tables));
    }

    public static void main(String[] args) {
        List<String> randoms = new ArrayList<>();
        for (long seed : new long[] {0L, 42L, -1L, 2022L, 123456789012345L, "org.apache.flink.ml.feature.lsh.MinHashLSH".hashCode()}) randoms.add(randomCase(seed));
        List<String> minHashes = new ArrayList<>();
        int[][] flinkTest = {{0, 1, 2}, {2, 3, 4}, {0, 2, 4}, {1, 3}, {1, 3, 5}, {2, 3, 5}, {1, 2, 4}};
        minHashes.add(minHashCase(5, 1, 2022L, flinkTest));
        int[][] wide = {{0}, {5, 99999}, {2000000000, 7}, {123456789, 987654321, 2038074741}, {1, 2, 3, 4, 5, 6, 7, 8, 9}};
        minHashes.add(minHashCase(3, 2, -7L, wide));
        minHashes.add(minHashCase(2, 3, "org.apache.flink.ml.feature.lsh.MinHashLSH".hashCode(), wide));
        List<String> splits = new ArrayList<>();
        long defaultSeed = "org.apache.flink.ml.feature.randomsplitter.RandomSplitter".hashCode();
        splits.add(splitterCase(new double[] {1, 1}, defaultSeed, 0, 40));
        splits.add(splitterCase(new double[] {1, 1}, defaultSeed, 1, 40));
        splits.add(splitterCase(new double[] {1, 2, 3}, 7L, 0, 60));
        splits.add(splitterCase(new double[] {0.25, 0.5, 0.25}, 123456789012345L, 2, 60));
        System.out.println("{");
        System.out.println("\"minHashLshDefaultSeed\": " + "org.apache.flink.ml.feature.lsh.MinHashLSH".hashCode() + ",");
        System.out.println("\"randomSplitterDefaultSeed\": " + defaultSeed + ",");
        System.out.println("\"random\": " + randoms + ",");
        System.out.println("\"minHash\": " + minHashes + ",");
        System.out.println("\"randomSplitter\": " + splits);
        System.out.println("}");
    }
}
