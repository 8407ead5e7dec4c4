// Lucene 9.5's MoreLikeThis (the jars inside PyPI's pyserini==0.22.1 wheel) on
// the articles morgue exported, for benches/related.sh: headline and body with
// Lucene's EnglishAnalyzer, BM25, and for each article asked about the ten
// most like it, the article itself left out. Run with the JDK's single-file
// launcher:
//
//   java -cp anserini-0.22.1-fatjar.jar RelatedBench.java ARTICLES.jsonl ASKED.txt MIN_TF MIN_DF
//
// ASKED.txt holds one record number (docno) per line; each output line is the
// record number asked about, a tab, and the related record numbers in order.
// MIN_TF and MIN_DF are MoreLikeThis's minTermFreq and minDocFreq (Lucene's
// defaults: 2 and 5).

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

public class RelatedBench {
    public static void main(String[] args) throws Exception {
        Directory directory = new ByteBuffersDirectory();
        EnglishAnalyzer analyzer = new EnglishAnalyzer();
        ObjectMapper json = new ObjectMapper();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer));
                BufferedReader lines = Files.newBufferedReader(Path.of(args[0]))) {
            String line;
            while ((line = lines.readLine()) != null) {
                JsonNode article = json.readTree(line);
                StringBuilder body = new StringBuilder();
                for (JsonNode paragraph : article.path("body")) {
                    body.append(paragraph.asText()).append("\n\n");
                }
                Document doc = new Document();
                doc.add(new StringField("docno", article.path("docno").asText(""), Field.Store.YES));
                doc.add(new TextField("title", article.path("title").asText(""), Field.Store.YES));
                doc.add(new TextField("body", body.toString(), Field.Store.YES));
                writer.addDocument(doc);
            }
            writer.commit();
        }
        DirectoryReader reader = DirectoryReader.open(directory);
        IndexSearcher searcher = new IndexSearcher(reader);
        MoreLikeThis likeThis = new MoreLikeThis(reader);
        likeThis.setFieldNames(new String[] {"title", "body"});
        likeThis.setAnalyzer(analyzer);
        likeThis.setMinTermFreq(Integer.parseInt(args[2]));
        likeThis.setMinDocFreq(Integer.parseInt(args[3]));
        for (String docno : Files.readAllLines(Path.of(args[1]))) {
            if (docno.isBlank()) continue;
            TopDocs found = searcher.search(new TermQuery(new Term("docno", docno)), 1);
            List<String> related = new ArrayList<>();
            if (found.scoreDocs.length > 0) {
                int asked = found.scoreDocs[0].doc;
                Query like = likeThis.like(asked);
                for (ScoreDoc hit : searcher.search(like, 11).scoreDocs) {
                    if (hit.doc == asked || related.size() == 10) continue;
                    related.add(searcher.storedFields().document(hit.doc).get("docno"));
                }
            }
            System.out.println(docno + "\t" + String.join(" ", related));
        }
    }
}
