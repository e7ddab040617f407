// The C side of Filon's terminal driver. Only FilonTUI's ncurses driver imports this module.
//
// SwiftPM drops the -D_XOPEN_SOURCE that pkg-config gives for ncursesw, so the wide-character
// API (wget_wch, mvwaddnwstr, cchar_t) is switched on here, before the header is read.
// C globals (stdscr, LINES, COLS…) are concurrency errors in Swift 6 and function-like macros
// (A_BOLD, COLOR_PAIR, KEY_F…) do not import: each is exposed as a small `filon_` function.
#ifndef FILON_CNCURSES_SHIM_H
#define FILON_CNCURSES_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <stddef.h>
#include <wchar.h>
#include <ncurses.h>

static inline WINDOW *filon_stdscr(void) { return stdscr; }

/// Starts curses on stdout/stdin like initscr, but returns NULL instead of exiting the process
/// when the terminal cannot be used (unknown TERM…), so the caller can say why.
static inline SCREEN *filon_newterm(void) { return newterm(NULL, stdout, stdin); }

static inline attr_t filon_a_normal(void) { return A_NORMAL; }
static inline attr_t filon_a_bold(void) { return A_BOLD; }
static inline attr_t filon_a_reverse(void) { return A_REVERSE; }
static inline attr_t filon_a_dim(void) { return A_DIM; }
static inline attr_t filon_a_underline(void) { return A_UNDERLINE; }
static inline attr_t filon_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }

static inline int filon_key_f(int n) { return KEY_F(n); }
static inline int filon_colors(void) { return COLORS; }
static inline int filon_color_pairs(void) { return COLOR_PAIRS; }

static inline int filon_getmaxy(WINDOW *win) { return getmaxy(win); }
static inline int filon_getmaxx(WINDOW *win) { return getmaxx(win); }

/// The codeset of the current locale ("UTF-8" when wide characters will render).
static inline const char *filon_codeset(void) { return nl_langinfo(CODESET); }

/// Sets the locale from the environment (LANG, LC_ALL…); returns NULL when it cannot.
static inline const char *filon_setlocale_from_environment(void) { return setlocale(LC_ALL, ""); }

/// Terminal cells a character takes (2 for East Asian wide characters, 0 for combining marks,
/// -1 for control characters); depends on the locale set by filon_setlocale_from_environment.
static inline int filon_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

/// Writes at most n wide characters at (y, x) with the given attributes.
static inline int filon_put(WINDOW *win, int y, int x, const wchar_t *text, int n, attr_t attrs) {
    wattrset(win, (int)attrs);
    int rc = mvwaddnwstr(win, y, x, text, n);
    wattrset(win, (int)A_NORMAL);
    return rc;
}

#endif
