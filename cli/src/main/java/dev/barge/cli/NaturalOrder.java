package dev.barge.cli;

/** sortorder.NaturalLess: runs of digits compare as numbers, the rest byte by byte. */
final class NaturalOrder {
    private NaturalOrder() {}

    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && a.charAt(i) == '0') i++;
                while (j < b.length() && b.charAt(j) == '0') j++;
                int ni = i;
                int nj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) i++;
                while (j < b.length() && Character.isDigit(b.charAt(j))) j++;
                int byLength = Integer.compare(i - ni, j - nj);
                if (byLength != 0) return byLength;
                int byDigits = a.substring(ni, i).compareTo(b.substring(nj, j));
                if (byDigits != 0) return byDigits;
                int byZeros = Integer.compare(ni - si, nj - sj);
                if (byZeros != 0) return byZeros;
            } else {
                if (ca != cb) return Character.compare(ca, cb);
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
