package io.mailbin.spam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FoldsTest {

    @Test
    void identicalBodiesShareAFoldAndAssignmentIsDeterministic() {
        List<LabelledMessage> messages = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            messages.add(new LabelledMessage("m" + i, i % 2 == 0, Messages.raw("Subject: copy " + i + "\n\nsame body  text\n")));
            messages.add(new LabelledMessage("u" + i, i % 2 == 0, Messages.raw("Subject: x\n\nunique body " + i + "\n")));
        }

        int[] folds = Folds.assign(messages, 5, 0);

        for (int i = 0; i < messages.size(); i += 2) {
            assertThat(folds[i]).isEqualTo(folds[0]);
        }
        assertThat(Folds.assign(messages, 5, 0)).isEqualTo(folds);
        assertThat(Folds.assign(messages, 5, 1)).isNotEqualTo(folds);
        assertThat(java.util.Arrays.stream(folds).distinct().count()).isEqualTo(5);
    }
}
