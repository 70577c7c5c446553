package dev.digits.examples.app;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.swing.BorderFactory;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTabbedPane;
import javax.swing.WindowConstants;

/**
 * The desktop app: a header with the backend in use (switchable among those that load here) and three tabs,
 * digit, number and generator. Build it on the event thread; {@link #content()} needs no display, the
 * window ({@link #showWindow}) does.
 */
public final class DigitsApp {
    /** The tabs, in order. */
    public enum Tab {
        DIGIT("Digit"), NUMBER("Number"), GENERATOR("Generator");

        private final String title;

        Tab(String title) {
            this.title = title;
        }

        /** The tab of a command-line name: {@code digit}, {@code number} or {@code generator}. */
        public static Tab of(String name) {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        }
    }

    /**
     * How the app starts.
     *
     * @param backend        the backend to start on, or null for the one Digits chooses
     * @param picture        a picture to open at start on the digit or number tab, or null
     * @param tab            the tab to show first
     * @param generatorDigit the generator's digit, 0 to 9, or -1 for all ten
     * @param seed           the generator's first seed
     */
    public record Settings(String backend, Path picture, Tab tab, int generatorDigit, long seed) {
        /** The defaults: Digits chooses the backend, no picture, the digit tab, all ten digits, seed 1. */
        public static Settings defaults() {
            return new Settings(null, null, Tab.DIGIT, -1, 1);
        }
    }

    private final Settings settings;
    private final ModelWork work;
    private final DigitPanel digitPanel;
    private final NumberPanel numberPanel;
    private final GeneratorPanel generatorPanel;
    private final JTabbedPane tabs = new JTabbedPane();
    private final JComboBox<String> backends = new JComboBox<>();
    private final JPanel content = new JPanel(new BorderLayout());
    private boolean fillingBackends;
    private boolean backendsListed;
    private boolean readyFired;
    private final List<Runnable> backendListeners = new ArrayList<>();

    /** Builds the app's panels (on the event thread); nothing runs until {@link #start()}. */
    public DigitsApp(Settings settings) {
        this.settings = settings;
        this.work = new ModelWork(settings.backend());
        digitPanel = new DigitPanel(work);
        numberPanel = new NumberPanel(work);
        generatorPanel = new GeneratorPanel(work);
        generatorPanel.selectDigit(settings.generatorDigit());
        generatorPanel.setSeed(settings.seed());
        tabs.addTab(Tab.DIGIT.title, digitPanel);
        tabs.addTab(Tab.NUMBER.title, numberPanel);
        tabs.addTab(Tab.GENERATOR.title, generatorPanel);
        tabs.setToolTipTextAt(0, "Draw or open one digit: every preprocessing stage and the ten probabilities");
        tabs.setToolTipTextAt(1, "Read a whole number: each digit's box and reading");
        tabs.setToolTipTextAt(2, "Draw new digits with the conditional GAN");
        tabs.setSelectedIndex(settings.tab().ordinal());
        tabs.addChangeListener(e -> {
            if (tabs.getSelectedComponent() == generatorPanel && generatorPanel.gridPicture() == null) {
                generatorPanel.generate(); // a tab is never blank
            }
        });
        content.add(header(), BorderLayout.NORTH);
        content.add(tabs, BorderLayout.CENTER);
        content.setPreferredSize(new Dimension(1280, 800));
    }

    private JComponent header() {
        JPanel header = new JPanel(new BorderLayout());
        header.setBackground(Ui.PAPER);
        header.setBorder(BorderFactory.createCompoundBorder(BorderFactory.createMatteBorder(0, 0, 1, 0, Ui.LINE),
                BorderFactory.createEmptyBorder(Ui.GAP / 2, Ui.GAP, Ui.GAP / 2, Ui.GAP)));
        JLabel title = new JLabel("Digits");
        title.setFont(Ui.font(1.6f, Font.BOLD));
        title.setForeground(Ui.ACCENT);
        JPanel left = new JPanel(new FlowLayout(FlowLayout.LEFT, Ui.GAP, 0));
        left.setOpaque(false);
        left.add(title);
        left.add(Ui.caption("reads handwritten digits and numbers, and draws new ones"));
        JPanel right = new JPanel(new FlowLayout(FlowLayout.RIGHT, Ui.GAP / 2, 0));
        right.setOpaque(false);
        right.add(new JLabel("Backend"));
        backends.addItem("…");
        backends.setEnabled(false);
        backends.setToolTipText("Where the models run; the time each answer took is shown with it");
        backends.addActionListener(e -> {
            if (!fillingBackends && backends.getSelectedItem() != null) {
                switchBackend((String) backends.getSelectedItem());
            }
        });
        right.add(backends);
        header.add(left, BorderLayout.WEST);
        header.add(right, BorderLayout.EAST);
        return header;
    }

    /** Opens the starting picture or grid, then finds the backends, all off the event thread. */
    public void start() {
        // The picture first: asking every backend whether its native code loads can take a while.
        if (settings.picture() != null) {
            if (settings.tab() == Tab.NUMBER) {
                numberPanel.load(settings.picture());
            } else {
                digitPanel.load(settings.picture());
            }
        }
        if (settings.tab() == Tab.GENERATOR) {
            generatorPanel.generate();
        }
        work.submit(models -> {
            List<String> names = new ArrayList<>(ModelWork.availableBackends());
            String current = models.backendName();
            if (!names.contains(current)) {
                names.add(0, current);
            }
            return new BackendChoice(names, current);
        }, this::showBackends, problem -> {
            digitPanel.showError(StatusLine.describe(problem));
            backendsListed = true;
            backendListeners.forEach(Runnable::run);
        });
    }

    private record BackendChoice(List<String> names, String current) {
    }

    private void showBackends(BackendChoice choice) {
        fillingBackends = true;
        try {
            backends.removeAllItems();
            choice.names().forEach(backends::addItem);
            backends.setSelectedItem(choice.current());
            backends.setEnabled(choice.names().size() > 1);
        } finally {
            fillingBackends = false;
        }
        backendsListed = true;
        backendListeners.forEach(Runnable::run);
    }

    private void switchBackend(String name) {
        work.submit(models -> {
            models.useBackend(name);
            return models.backendName();
        }, chosen -> {
            digitPanel.predict();
            numberPanel.read();
            if (generatorPanel.gridPicture() != null) {
                generatorPanel.generate();
            }
        }, problem -> digitPanel.showError(StatusLine.describe(problem)));
    }

    /** Shows the app in a window of the given size; closing it frees the models and calls {@code onClosed}. */
    public JFrame showWindow(Dimension size, Runnable onClosed) {
        JFrame frame = new JFrame("Digits");
        frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
        frame.setContentPane(content);
        frame.setMinimumSize(new Dimension(960, 640));
        frame.setSize(size);
        frame.setLocationRelativeTo(null);
        frame.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosed(WindowEvent e) {
                work.close();
                onClosed.run();
            }
        });
        frame.setVisible(true);
        start();
        return frame;
    }

    /**
     * Calls {@code listener} once on the event thread, when the starting tab shows its first answer (or error) and
     * the backends are listed: the window is then as a user would see it, for scripts that take screenshots.
     */
    public void whenReady(Runnable listener) {
        boolean[] answered = {false};
        Runnable fireOnce = () -> {
            if (answered[0] && backendsListed && !readyFired) {
                readyFired = true;
                listener.run();
            }
        };
        Runnable onAnswer = () -> {
            answered[0] = true;
            fireOnce.run();
        };
        if (settings.picture() == null && settings.tab() != Tab.GENERATOR) {
            answered[0] = true; // nothing to answer at start
        }
        switch (settings.tab()) {
            case DIGIT -> digitPanel.onAnswered(onAnswer);
            case NUMBER -> numberPanel.onAnswered(onAnswer);
            case GENERATOR -> generatorPanel.onAnswered(onAnswer);
        }
        backendListeners.add(fireOnce);
    }

    /** The whole app without a window: header and tabs. */
    public JComponent content() {
        return content;
    }

    /** Frees the models once queued work has ended. */
    public void close() {
        work.close();
    }

    ModelWork work() {
        return work;
    }

    DigitPanel digitPanel() {
        return digitPanel;
    }

    NumberPanel numberPanel() {
        return numberPanel;
    }

    GeneratorPanel generatorPanel() {
        return generatorPanel;
    }

    JComboBox<String> backendChoice() {
        return backends;
    }
}
