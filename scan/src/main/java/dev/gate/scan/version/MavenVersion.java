package dev.gate.scan.version;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Maven's ComparableVersion order (as in Maven 3.9): the version is split at {@code .}, {@code -}
 * and digit/letter transitions into a tree of lists; numbers beat lists beat qualifiers; known
 * qualifiers order alpha &lt; beta &lt; milestone &lt; rc = cr &lt; snapshot &lt; "" = ga = final =
 * release &lt; sp, unknown ones come after sp alphabetically; trailing nulls are dropped.
 */
public final class MavenVersion implements VersionOrdering {

    private final ParseCache<ListItem> cache = new ParseCache<>();

    @Override
    public int compare(String a, String b) {
        return cache.get(a, MavenVersion::parse).compareTo(cache.get(b, MavenVersion::parse));
    }

    sealed interface Item permits NumberItem, QualifierItem, ListItem {
        /** Compares against another item, or against nothing (null) as when one list is shorter. */
        int compareTo(Item other);

        boolean isNull();
    }

    record NumberItem(BigInteger value) implements Item {
        public int compareTo(Item other) {
            if (other == null) {
                return value.signum() == 0 ? 0 : 1;
            }
            return other instanceof NumberItem n ? value.compareTo(n.value) : 1;
        }

        public boolean isNull() {
            return value.signum() == 0;
        }
    }

    record QualifierItem(String value) implements Item {
        private static final List<String> QUALIFIERS =
                List.of("alpha", "beta", "milestone", "rc", "snapshot", "", "sp");
        private static final String RELEASE = String.valueOf(QUALIFIERS.indexOf(""));

        static QualifierItem of(String text, boolean followedByDigit) {
            String v = text;
            if (followedByDigit && v.length() == 1) {
                v = switch (v.charAt(0)) {
                    case 'a' -> "alpha";
                    case 'b' -> "beta";
                    case 'm' -> "milestone";
                    default -> v;
                };
            }
            v = switch (v) {
                case "ga", "final", "release" -> "";
                case "cr" -> "rc";
                default -> v;
            };
            return new QualifierItem(v);
        }

        String comparable() {
            int index = QUALIFIERS.indexOf(value);
            return index == -1 ? QUALIFIERS.size() + "-" + value : String.valueOf(index);
        }

        public int compareTo(Item other) {
            if (other == null) {
                return Integer.signum(comparable().compareTo(RELEASE));
            }
            if (other instanceof QualifierItem q) {
                return Integer.signum(comparable().compareTo(q.comparable()));
            }
            return -1;
        }

        public boolean isNull() {
            return comparable().equals(RELEASE);
        }
    }

    static final class ListItem implements Item {
        final List<Item> items = new ArrayList<>();

        public int compareTo(Item other) {
            if (other == null) {
                // Every item counts against nothing, not only the first (MNG-6964): 1-0.1 > 1.
                for (Item item : items) {
                    int result = item.compareTo(null);
                    if (result != 0) {
                        return result;
                    }
                }
                return 0;
            }
            if (!(other instanceof ListItem list)) {
                return other instanceof NumberItem ? -1 : 1;
            }
            int n = Math.max(items.size(), list.items.size());
            for (int i = 0; i < n; i++) {
                Item l = i < items.size() ? items.get(i) : null;
                Item r = i < list.items.size() ? list.items.get(i) : null;
                int result = l == null ? (r == null ? 0 : -r.compareTo(null)) : l.compareTo(r);
                if (result != 0) {
                    return result;
                }
            }
            return 0;
        }

        public boolean isNull() {
            return items.isEmpty();
        }

        void normalize() {
            for (int i = items.size() - 1; i >= 0; i--) {
                Item last = items.get(i);
                if (last.isNull()) {
                    items.remove(i);
                } else if (!(last instanceof ListItem)) {
                    break;
                }
            }
        }
    }

    static ListItem parse(String text) {
        String version = text.trim().toLowerCase(Locale.ROOT);
        if (version.isEmpty()) {
            throw new InvalidVersionException("Maven", text);
        }
        ListItem root = new ListItem();
        ListItem list = root;
        Deque<ListItem> stack = new ArrayDeque<>();
        stack.push(list);
        boolean isDigit = false;
        int start = 0;
        for (int i = 0; i < version.length(); i++) {
            char c = version.charAt(i);
            if (c == '.' || c == '-') {
                list.items.add(
                        i == start ? new NumberItem(BigInteger.ZERO) : item(isDigit, version.substring(start, i)));
                start = i + 1;
                if (c == '-') {
                    list = push(list, stack);
                }
            } else if (Character.isDigit(c)) {
                if (!isDigit && i > start) {
                    list = qualifierList(list, stack);
                    list.items.add(QualifierItem.of(version.substring(start, i), true));
                    start = i;
                    list = push(list, stack);
                }
                isDigit = true;
            } else {
                if (isDigit && i > start) {
                    list.items.add(item(true, version.substring(start, i)));
                    start = i;
                    list = push(list, stack);
                }
                isDigit = false;
            }
        }
        if (version.length() > start) {
            if (!isDigit) {
                list = qualifierList(list, stack);
            }
            list.items.add(item(isDigit, version.substring(start)));
        }
        while (!stack.isEmpty()) {
            stack.pop().normalize();
        }
        return root;
    }

    /**
     * Maven 3.9 starts a new list for a qualifier that follows a dot and ends the version or runs
     * into a number: "1.0.RC1" sorts as "1.0-RC-1" and "1.0.x" as "1.0-x" (MNG-7559), while a
     * qualifier between dots ("1.x.2") stays in place. Only after a dot can the list be non-empty.
     */
    private static ListItem qualifierList(ListItem list, Deque<ListItem> stack) {
        return list.items.isEmpty() ? list : push(list, stack);
    }

    private static ListItem push(ListItem parent, Deque<ListItem> stack) {
        ListItem child = new ListItem();
        parent.items.add(child);
        stack.push(child);
        return child;
    }

    private static Item item(boolean isDigit, String text) {
        return isDigit ? new NumberItem(new BigInteger(text)) : QualifierItem.of(text, false);
    }
}
