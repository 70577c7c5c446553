import dev.digits.DigitClassifier;
import dev.digits.DigitImage;
import dev.digits.Digits;
import dev.digits.ModelSource;
import dev.digits.Prediction;
import dev.digits.Verdict;
import dev.digits.data.FontLetters;
import dev.digits.data.HandwritingFonts;
import dev.digits.eval.LetterRejection;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws {@code docs/letters.png} for the README: letters and symbols in the handwriting fonts never used in
 * training, as the classifier sees them (MNIST form), each with its verdict beneath: green "no" for "not a
 * digit", amber "?" for "not sure", red with the digit when a letter is still taken for one. The last row is
 * digit-like letters (O, l, S, Z, B, g…), which are not required to be refused. From the repository's root:
 * {@code java -cp digit-examples/target/digits.jar docs/DrawLetterVerdicts.java [MODEL]}; needs the fonts.
 */
public class DrawLetterVerdicts {
    private static final int COLUMNS = 16;
    private static final int CELL = 56;
    private static final int CAPTION = 16;

    public static void main(String[] args) throws Exception {
        var fonts = HandwritingFonts.installed(HandwritingFonts.Split.HELD_OUT);
        List<FontLetters.Letter> letters = FontLetters.make(fonts, FontLetters.LETTERS + FontLetters.SYMBOLS,
                COLUMNS * 4, LetterRejection.TEST_SEED);
        List<FontLetters.Letter> digitLike = FontLetters.make(fonts, FontLetters.DIGIT_LIKE, COLUMNS,
                LetterRejection.TEST_SEED + 1);
        ModelSource model = args.length > 0 ? ModelSource.file(Path.of(args[0])) : ModelSource.CLASSIFIER;
        BufferedImage grid = new BufferedImage(COLUMNS * CELL, 5 * (CELL + CAPTION) + 8, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        try (DigitClassifier classifier = Digits.classifier(model)) {
            draw(g, classifier, letters, 0);
            draw(g, classifier, digitLike, 4 * (CELL + CAPTION) + 8);
        }
        g.dispose();
        ImageIO.write(grid, "png", Path.of("docs", "letters.png").toFile());
    }

    private static void draw(Graphics2D g, DigitClassifier classifier, List<FontLetters.Letter> letters, int top) {
        List<Prediction> answers = classifier.classify(FontLetters.images(letters));
        for (int i = 0; i < letters.size(); i++) {
            int x = (i % COLUMNS) * CELL;
            int y = top + (i / COLUMNS) * (CELL + CAPTION);
            DigitImage image = letters.get(i).image();
            g.drawImage(DigitImage.grid(List.of(image), 1, 0), x + 4, y + 4, CELL - 8, CELL - 8, null);
            Prediction answer = answers.get(i);
            String caption;
            if (answer.verdict() == Verdict.NOT_A_DIGIT) {
                g.setColor(new Color(0, 130, 60));
                caption = "'" + letters.get(i).character() + "' no";
            } else if (answer.verdict() == Verdict.UNSURE) {
                g.setColor(new Color(190, 120, 0));
                caption = "'" + letters.get(i).character() + "' ?";
            } else {
                g.setColor(new Color(200, 0, 0));
                caption = "'" + letters.get(i).character() + "' " + answer.digit();
            }
            g.drawString(caption, x + 8, y + CELL + 10);
        }
    }
}
