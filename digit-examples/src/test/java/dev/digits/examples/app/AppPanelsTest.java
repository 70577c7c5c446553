package dev.digits.examples.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digits.Classification;
import dev.digits.DigitClassifier;
import dev.digits.Digits;
import dev.digits.ModelSource;
import dev.digits.data.SyntheticNumbers;
import dev.digits.preprocess.Pictures;
import java.awt.Color;
import java.awt.Component;
import java.awt.Container;
import java.awt.GraphicsEnvironment;
import java.awt.Graphics2D;
import java.awt.event.MouseEvent;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app's panels built offscreen, without a display: fed a real picture, a mouse drawing or a number, they
 * show the classifier's answer, every stage, the bars, the boxes and the generated grid.
 */
class AppPanelsTest {
    /** A real drawing of a 7 (white on black, crossed), as in the samples folder. */
    private static final Path SEVEN = Path.of("../samples/7_7eraflops_1.png");

    @TempDir
    Path folder;

    private final ModelWork work = new ModelWork("onnx");

    @BeforeAll
    static void noDisplay() {
        assertTrue(GraphicsEnvironment.isHeadless(), "these tests show that the panels need no display");
    }

    @AfterEach
    void closeModels() {
        work.close();
    }

    @Test
    void aPictureWithoutADigitShowsTheStagesUpToWhereItWasLostAndWhy() throws Exception {
        BufferedImage faint = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = faint.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 200, 200);
        g.dispose();
        Path blank = folder.resolve("blank.png");
        ImageIO.write(faint, "png", blank.toFile());
        DigitPanel panel = onEdt(() -> new DigitPanel(work));
        onEdt(() -> panel.load(blank)).get();
        onEdt(() -> {
            List<String> names = panel.stages().stageNames();
            assertTrue(names.size() >= 2, "stages before the failure: " + names);
            assertEquals("no digit found", names.get(names.size() - 1), names.toString());
            assertEquals(names.size(), panel.stages().getComponentCount());
            return null;
        });
    }

    @Test
    void theDigitPanelShowsThePredictionEveryStageAndTheBarsOfAPicture() throws Exception {
        DigitPanel panel = onEdt(() -> new DigitPanel(work));
        onEdt(() -> panel.load(SEVEN)).get();
        Classification expected;
        try (DigitClassifier classifier = Digits.classifier(ModelSource.CLASSIFIER, "onnx")) {
            expected = classifier.classifyWithStages(Pictures.read(SEVEN));
        }
        assertEquals(7, expected.prediction().digit(), "the sample is a 7");
        onEdt(() -> {
            assertEquals("7", panel.answer().answerText());
            assertTrue(panel.answer().verdictText().startsWith("7 ("), panel.answer().verdictText());
            assertTrue(panel.answer().timingText().startsWith("onnx backend · "), panel.answer().timingText());
            assertEquals(List.copyOf(expected.stages().keySet()), panel.stages().stageNames());
            assertTrue(panel.stages().getComponentCount() >= 5, "a thumbnail per stage: " + panel.stages().stageNames());
            assertEquals(panel.stages().stageNames().size(), panel.stages().getComponentCount());
            assertArrayEquals(expected.prediction().probabilities(), panel.bars().shownProbabilities(), 1e-6f);
            assertEquals(7, panel.bars().highlightedDigit());
            BufferedImage input = panel.answer().modelInput();
            assertEquals(28, input.getWidth());
            assertEquals(28, input.getHeight());
            assertEquals(1, panel.canvas().overlays().size(), "the box where the digit was found");
            assertFalse(panel.status().isError(), panel.status().getText());
            return null;
        });
    }

    @Test
    void eachStrokeOfAMouseDrawingIsPredictedAndUndoTakesItBack() throws Exception {
        DigitPanel panel = onEdt(() -> {
            DigitPanel created = new DigitPanel(work);
            created.canvas().setSize(300, 300);
            created.canvas().setStrokeWidth(22);
            return created;
        });
        onEdt(() -> {
            drag(panel.canvas(), 150, 50, 150, 250); // one upright line: a 1
            return null;
        });
        panel.pending().get();
        onEdt(() -> {
            assertEquals(1, panel.canvas().strokeCount());
            assertEquals("1", panel.answer().answerText(), panel.answer().verdictText());
            assertEquals(10, panel.bars().shownProbabilities().length);
            assertTrue(panel.stages().stageNames().contains("28x28"), panel.stages().stageNames().toString());
            assertTrue(panel.canvas().undo());
            return null;
        });
        onEdt(panel::predict).get();
        onEdt(() -> {
            assertEquals("–", panel.answer().answerText(), "a blank sheet has no answer");
            assertEquals(0, panel.bars().shownProbabilities().length);
            assertEquals(0, panel.stages().getComponentCount());
            assertNull(panel.answer().modelInput());
            return null;
        });
    }

    @Test
    void aDroppedFileAndAPastedPictureAreBothRead() throws Exception {
        DigitPanel panel = onEdt(() -> new DigitPanel(work));
        java.util.List<java.io.File> files = List.of(SEVEN.toFile());
        boolean taken = onEdt(() -> PictureSources.deliver(transfer(java.awt.datatransfer.DataFlavor.javaFileListFlavor, files), panel));
        assertTrue(taken);
        onEdt(panel::pending).get(); // the file is read, then the picture predicted
        assertEquals("7", onEdt(() -> panel.answer().answerText()));

        BufferedImage three = Pictures.read(Path.of("../samples/3_parkercai_1.png"));
        assertTrue(onEdt(() -> PictureSources.deliver(transfer(java.awt.datatransfer.DataFlavor.imageFlavor, three), panel)));
        onEdt(panel::pending).get();
        assertEquals("3", onEdt(() -> panel.answer().answerText()));
        assertFalse(onEdt(() -> PictureSources.deliver(transfer(java.awt.datatransfer.DataFlavor.stringFlavor, "7"), panel)),
                "text is not a picture");
    }

    /** What a drop or the clipboard hands over: one flavour of data. */
    private static java.awt.datatransfer.Transferable transfer(java.awt.datatransfer.DataFlavor flavor, Object data) {
        return new java.awt.datatransfer.Transferable() {
            @Override
            public java.awt.datatransfer.DataFlavor[] getTransferDataFlavors() {
                return new java.awt.datatransfer.DataFlavor[]{flavor};
            }

            @Override
            public boolean isDataFlavorSupported(java.awt.datatransfer.DataFlavor wanted) {
                return flavor.equals(wanted);
            }

            @Override
            public Object getTransferData(java.awt.datatransfer.DataFlavor wanted) {
                return data;
            }
        };
    }

    @Test
    void aPictureThatIsNotAPictureIsShownAsAnErrorInThePanel() throws Exception {
        Path broken = folder.resolve("broken.png");
        Files.writeString(broken, "not a picture");
        DigitPanel panel = onEdt(() -> new DigitPanel(work));
        onEdt(() -> panel.load(broken)).get();
        onEdt(() -> {
            assertTrue(panel.status().isError());
            assertFalse(panel.status().getText().isBlank());
            return null;
        });
    }

    @Test
    void theNumberPanelReadsANumberAndBoxesEachDigit() throws Exception {
        SyntheticNumbers.Sample sample = SyntheticNumbers.mnistTest(SyntheticNumbers.Variant.SEPARATED, 7).sample(2);
        NumberPanel panel = onEdt(() -> new NumberPanel(work));
        onEdt(() -> {
            panel.openPicture(sample.picture());
            return null;
        });
        panel.pending().get();
        onEdt(() -> {
            assertEquals(sample.text(), panel.numberText());
            assertEquals(sample.text().length(), panel.digitChipCount());
            List<PictureCanvas.Overlay> boxes = new ArrayList<>(panel.canvas().overlays());
            boxes.removeIf(box -> box.label().isEmpty()); // separators
            assertEquals(sample.text().length(), boxes.size());
            for (int i = 0; i < boxes.size(); i++) {
                assertEquals(String.valueOf(sample.text().charAt(i)), boxes.get(i).label());
            }
            return null;
        });
    }

    @Test
    void theGeneratorPanelDrawsTheSameGridForTheSameSeedAndSavesIt() throws Exception {
        GeneratorPanel panel = onEdt(() -> new GeneratorPanel(work));
        onEdt(() -> {
            panel.selectDigit(3);
            panel.setSeed(5);
            return null;
        });
        onEdt(panel::generate).get();
        BufferedImage first = onEdt(panel::gridPicture);
        assertEquals(40, onEdt(panel::shownCount), "four rows of ten");
        assertTrue(onEdt(panel::agreedCount) >= 20, "the classifier reads most new 3s as 3: " + onEdt(panel::agreedCount));
        assertTrue(onEdt(() -> panel.status().getText()).contains("reads " + onEdt(panel::agreedCount) + " of them"));
        assertEquals(10 * 28 + 11 * 2, first.getWidth());
        assertEquals(4 * 28 + 5 * 2, first.getHeight());
        onEdt(panel::generate).get();
        assertTrue(samePixels(first, onEdt(panel::gridPicture)), "the same digit and seed give the same grid");
        onEdt(panel::reroll).get();
        assertFalse(samePixels(first, onEdt(panel::gridPicture)), "another seed gives other digits");
        Path saved = folder.resolve("grid.png");
        onEdt(() -> panel.save(saved)).get();
        BufferedImage read = ImageIO.read(saved.toFile());
        assertTrue(samePixels(onEdt(panel::gridPicture), read), "the PNG holds the grid shown");
    }

    @Test
    void theWholeAppPaintsAt1280By800WithoutADisplay() throws Exception {
        DigitsApp app = onEdt(() -> new DigitsApp(new DigitsApp.Settings("onnx", null, DigitsApp.Tab.DIGIT, -1, 1)));
        try {
            onEdt(() -> app.digitPanel().load(SEVEN)).get();
            BufferedImage screen = onEdt(() -> {
                app.content().setSize(1280, 800);
                layOut(app.content());
                BufferedImage image = new BufferedImage(1280, 800, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = image.createGraphics();
                app.content().printAll(g);
                g.dispose();
                return image;
            });
            ProbabilityBars bars = app.digitPanel().bars();
            assertTrue(bars.getWidth() >= 200 && bars.getHeight() >= 150, "the bars have room: " + bars.getSize());
            assertTrue(app.digitPanel().canvas().getWidth() >= 400, "the sheet has room: " + app.digitPanel().canvas().getSize());
            assertTrue(countColour(screen, Ui.ACCENT) > 500, "the highlighted bar is painted");
        } finally {
            app.close();
        }
    }

    @Test
    void theBackendCanBeSwitchedAndTheAnswerSaysWhichOneGaveIt() throws Exception {
        Path seven = SEVEN.toAbsolutePath();
        DigitsApp app = onEdt(() -> new DigitsApp(new DigitsApp.Settings("onnx", seven, DigitsApp.Tab.DIGIT, -1, 1)));
        try {
            java.util.concurrent.CompletableFuture<Void> ready = new java.util.concurrent.CompletableFuture<>();
            onEdt(() -> {
                app.whenReady(() -> ready.complete(null));
                app.start();
                return null;
            });
            ready.get();
            List<String> offered = onEdt(() -> {
                List<String> names = new ArrayList<>();
                for (int i = 0; i < app.backendChoice().getItemCount(); i++) {
                    names.add(app.backendChoice().getItemAt(i));
                }
                return names;
            });
            assertEquals(List.of("onnx", "dl4j"), offered, "both backends load here, highest priority first");
            assertTrue(onEdt(() -> app.digitPanel().answer().timingText()).startsWith("onnx backend"));
            onEdt(() -> {
                app.backendChoice().setSelectedItem("dl4j");
                return null;
            });
            app.work().submit(models -> null, nothing -> { }, problem -> { }).get(); // the switch has been handled
            onEdt(app.digitPanel()::pending).get();
            onEdt(() -> {
                assertTrue(app.digitPanel().answer().timingText().startsWith("dl4j backend"),
                        app.digitPanel().answer().timingText());
                assertEquals("7", app.digitPanel().answer().answerText());
                return null;
            });
        } finally {
            app.close();
        }
    }

    private static void drag(Component canvas, int x0, int y0, int x1, int y1) {
        long when = System.currentTimeMillis();
        canvas.dispatchEvent(new MouseEvent(canvas, MouseEvent.MOUSE_PRESSED, when, MouseEvent.BUTTON1_DOWN_MASK, x0, y0, 1, false, MouseEvent.BUTTON1));
        for (int i = 1; i <= 10; i++) {
            int x = x0 + (x1 - x0) * i / 10;
            int y = y0 + (y1 - y0) * i / 10;
            canvas.dispatchEvent(new MouseEvent(canvas, MouseEvent.MOUSE_DRAGGED, when, MouseEvent.BUTTON1_DOWN_MASK, x, y, 0, false, MouseEvent.NOBUTTON));
        }
        canvas.dispatchEvent(new MouseEvent(canvas, MouseEvent.MOUSE_RELEASED, when, 0, x1, y1, 1, false, MouseEvent.BUTTON1));
    }

    private static void layOut(Component component) {
        component.doLayout();
        if (component instanceof Container container) {
            for (Component child : container.getComponents()) {
                layOut(child);
            }
        }
    }

    private static int countColour(BufferedImage image, Color colour) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == (colour.getRGB() & 0xFFFFFF)) {
                    count++;
                }
            }
        }
        return count;
    }

    private static boolean samePixels(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return false;
        }
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if ((a.getRGB(x, y) & 0xFFFFFF) != (b.getRGB(x, y) & 0xFFFFFF)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Runs {@code task} on the event thread, as Swing asks, and returns its result (rethrowing its failure). */
    private static <T> T onEdt(Callable<T> task) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            try {
                result.set(task.call());
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        if (failure.get() instanceof Exception e) {
            throw e;
        }
        if (failure.get() instanceof Error e) {
            throw e;
        }
        assertNotNull(result, "ran");
        return result.get();
    }
}
