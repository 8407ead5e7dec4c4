// Lucene 9.5 (the jars inside PyPI's pyserini==0.22.1 wheel) driven like the
// other peers in benches/peers/engines.py: headline and body with Lucene's
// EnglishAnalyzer, BM25, any word matching, top ten, plain and limited to
// March 1987. Run with the JDK's single-file launcher:
//
//   java -cp anserini-0.22.1-fatjar.jar LuceneBench.java build ARTICLES.jsonl DIR   -> seconds
//   java -cp anserini-0.22.1-fatjar.jar LuceneBench.java query DIR QUERIES.txt      -> latency lines
//
// Queries are timed after a warm-up of the JIT (the whole query set 300 times).

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.FSDirectory;

public class LuceneBench {
    static final int RUNS = 30;
    static final long SINCE = LocalDate.parse("1987-03-01").toEpochDay();
    static final long UNTIL = LocalDate.parse("1987-03-31").toEpochDay();

    public static void main(String[] args) throws Exception {
        if (args[0].equals("build")) {
            long started = System.nanoTime();
            build(Path.of(args[1]), Path.of(args[2]));
            System.out.printf("%.3f%n", (System.nanoTime() - started) / 1e9);
        } else {
            query(Path.of(args[1]), Path.of(args[2]));
        }
    }

    static void build(Path articles, Path directory) throws Exception {
        ObjectMapper json = new ObjectMapper();
        IndexWriterConfig config = new IndexWriterConfig(new EnglishAnalyzer());
        config.setRAMBufferSizeMB(256);
        try (IndexWriter writer = new IndexWriter(FSDirectory.open(directory), config);
                BufferedReader lines = Files.newBufferedReader(articles)) {
            String line;
            while ((line = lines.readLine()) != null) {
                JsonNode article = json.readTree(line);
                StringBuilder body = new StringBuilder();
                for (JsonNode paragraph : article.path("body")) {
                    body.append(paragraph.asText()).append("\n\n");
                }
                Document doc = new Document();
                doc.add(new TextField("title", article.path("title").asText(""), Field.Store.YES));
                doc.add(new TextField("body", body.toString(), Field.Store.YES));
                String day = article.path("date").asText("");
                if (day.length() >= 10) {
                    doc.add(new LongPoint("date", LocalDate.parse(day.substring(0, 10)).toEpochDay()));
                }
                writer.addDocument(doc);
            }
            writer.commit();
        }
    }

    static void query(Path directory, Path queryFile) throws Exception {
        List<String> queries = new ArrayList<>();
        Pattern word = Pattern.compile("\\w+");
        for (String line : Files.readAllLines(queryFile)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            Matcher words = word.matcher(line.toLowerCase());
            List<String> found = new ArrayList<>();
            while (words.find()) found.add(words.group());
            queries.add(String.join(" ", found));
        }
        IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(FSDirectory.open(directory)));
        MultiFieldQueryParser parser =
                new MultiFieldQueryParser(new String[] {"title", "body"}, new EnglishAnalyzer());
        Query inMarch = LongPoint.newRangeQuery("date", SINCE, UNTIL);
        for (boolean dated : new boolean[] {false, true}) {
            for (int warm = 0; warm < 300; warm++) {
                for (String text : queries) searcher.search(build(parser, text, dated, inMarch), 10);
            }
            List<Double> times = new ArrayList<>();
            for (String text : queries) {
                for (int run = 0; run < RUNS; run++) {
                    long started = System.nanoTime();
                    searcher.search(build(parser, text, dated, inMarch), 10);
                    times.add((System.nanoTime() - started) / 1e3);
                }
            }
            Collections.sort(times);
            System.out.printf("lucene %s p50_us=%.0f p95_us=%.0f%n", dated ? "dated" : "plain",
                    times.get(times.size() / 2), times.get(times.size() * 95 / 100));
        }
    }

    static Query build(MultiFieldQueryParser parser, String text, boolean dated, Query inMarch)
            throws Exception {
        Query parsed = parser.parse(text);
        if (!dated) return parsed;
        return new BooleanQuery.Builder()
                .add(parsed, BooleanClause.Occur.MUST)
                .add(inMarch, BooleanClause.Occur.FILTER)
                .build();
    }
}
