// Lucene 9.5 (the jars inside PyPI's pyserini==0.22.1 wheel) as the ranking
// yardstick of issue #24: EnglishAnalyzer, BM25 (k1 1.2, b 0.75), headline and
// body as two fields searched together, any query word matching. Indexes
// morgue's export of a collection and answers a topics file with a TREC run
// (the top 1,000 of each topic, by `docno`, else `id`), for benches/ranking.sh
// to score beside `morgue eval`. Run with the JDK's single-file launcher:
//
//   java -cp anserini-0.22.1-fatjar.jar LuceneRank.java ARTICLES.jsonl TOPICS.tsv > RUN

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;

public class LuceneRank {
    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new EnglishAnalyzer()));
                BufferedReader lines = Files.newBufferedReader(Path.of(args[0]))) {
            String line;
            while ((line = lines.readLine()) != null) {
                JsonNode article = json.readTree(line);
                StringBuilder body = new StringBuilder();
                for (JsonNode paragraph : article.path("body")) {
                    body.append(paragraph.asText()).append("\n\n");
                }
                String name = article.path("docno").asText(article.path("id").asText());
                Document doc = new Document();
                doc.add(new StringField("name", name, Field.Store.YES));
                // A headline morgue made of the opening words is not the record's.
                boolean given = !article.path("title_origin").asText("").equals("opening");
                doc.add(new TextField("title", given ? article.path("title").asText("") : "", Field.Store.NO));
                doc.add(new TextField("body", body.toString(), Field.Store.NO));
                writer.addDocument(doc);
            }
        }
        IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(directory));
        MultiFieldQueryParser parser =
                new MultiFieldQueryParser(new String[] {"title", "body"}, new EnglishAnalyzer());
        for (String topic : Files.readAllLines(Path.of(args[1]))) {
            String[] parts = topic.split("\t", 2);
            if (parts.length < 2 || parts[1].isBlank()) continue;
            ScoreDoc[] hits = searcher.search(parser.parse(QueryParser.escape(parts[1])), 1000).scoreDocs;
            for (int rank = 0; rank < hits.length; rank++) {
                String name = searcher.storedFields().document(hits[rank].doc).get("name");
                System.out.printf("%s Q0 %s %d %.6f lucene%n", parts[0], name, rank + 1, hits[rank].score);
            }
        }
    }
}
