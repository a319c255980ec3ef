// The menus' entries, layout and choices. See menus.h.
#include "menus.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <utility>

namespace threshold::game {

namespace {

using locale::Ui;

constexpr float kTextSpeeds[] = {0.5f, 0.75f, 1.0f, 1.5f, 2.0f};
constexpr Ui kTextSpeedNames[] = {Ui::ValueSlowest, Ui::ValueSlow, Ui::ValueNormal, Ui::ValueFast,
                                  Ui::ValueFastest};
// Time to act: the clock's scales, then untimed (the last step: nothing chosen by the clock).
constexpr float kTimeScales[] = {1.0f, 1.5f, 2.0f, 3.0f};
constexpr size_t kTimeSteps = std::size(kTimeScales) + 1;
constexpr float kCooldowns[] = {0.0f, 0.5f, 1.0f, 2.0f};
constexpr const char* kFaceNames[] = {"EB Garamond", "OpenDyslexic", "DejaVu Sans"};
constexpr platform::Speech kSpeeches[] = {platform::Speech::Off, platform::Speech::Lines,
                                          platform::Speech::LinesAndThings};
constexpr Ui kSpeechNames[] = {Ui::ValueOff, Ui::ValueLines, Ui::ValueLinesAndThings};

const locale::UiText& ui_of(const MenuFacts& f) {
  static const locale::UiText kEnglish;
  return f.ui ? *f.ui : kEnglish;
}

// A number as the settings show it: "1.5", "2" (the language's decimal point).
std::string number_text(const locale::UiText& ui, float v) {
  std::string s = std::to_string(std::round(static_cast<double>(v) * 100) / 100);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  const size_t point = s.find('.');
  return point == std::string::npos ? s : s.replace(point, 1, ui(Ui::DecimalPoint));
}
std::string percent(const locale::UiText& ui, float v) {
  const long n = std::lround(v * 100);
  return ui.count(Ui::ValuePercent, static_cast<double>(n), std::to_string(n));
}
std::string on_off(const locale::UiText& ui, bool b) {
  return ui(b ? Ui::ValueOn : Ui::ValueOff);
}

// The step of `steps` nearest `value`.
template <size_t N>
size_t nearest(const float (&steps)[N], float value) {
  size_t best = 0;
  for (size_t i = 1; i < N; ++i) {
    if (std::abs(steps[i] - value) < std::abs(steps[best] - value)) best = i;
  }
  return best;
}
size_t speed_index(float speed) {
  return nearest(kTextSpeeds, speed);
}
// 0 .. 3 for the scales, 4 for untimed.
size_t time_index(const platform::Settings& s) {
  return s.time_unlimited ? std::size(kTimeScales) : nearest(kTimeScales, s.time_scale);
}
std::string time_text(const locale::UiText& ui, const platform::Settings& s) {
  const size_t i = time_index(s);
  if (i == std::size(kTimeScales)) return ui(Ui::ValueUntimed);
  return ui.count(Ui::ValueTimes, kTimeScales[i], number_text(ui, kTimeScales[i]));
}
std::string cooldown_text(const locale::UiText& ui, float cooldown) {
  const float c = kCooldowns[nearest(kCooldowns, cooldown)];
  if (c == 0) return ui(Ui::ValueOff);
  return ui.count(Ui::ValueSeconds, c, number_text(ui, c));
}
// Moves `index` by `step` among `n` choices: Enter wraps, Left/Right stop at the ends.
int stepped_index(size_t index, int step, bool wrap, size_t n) {
  const int count = static_cast<int>(n);
  const int i = static_cast<int>(index) + step;
  return wrap ? (i % count + count) % count : std::clamp(i, 0, count - 1);
}

bool face_missing(const MenuFacts& f) {
  switch (f.settings.face) {
    case platform::TextFace::OpenDyslexic:
      return !f.has_dyslexic_face;
    case platform::TextFace::Sans:
      return !f.has_sans_face;
    default:
      return false;
  }
}

}  // namespace

bool is_setting(MenuAction action) {
  switch (action) {
    case MenuAction::TextSize:
    case MenuAction::TextSpeed:
    case MenuAction::Volume:
    case MenuAction::Ambience:
    case MenuAction::Effects:
    case MenuAction::Music:
    case MenuAction::Hints:
    case MenuAction::ReducedMotion:
    case MenuAction::Fullscreen:
    case MenuAction::Untimed:
    case MenuAction::Time:
    case MenuAction::Cooldown:
    case MenuAction::Font:
    case MenuAction::LineSpacing:
    case MenuAction::HighContrast:
    case MenuAction::Captions:
    case MenuAction::Speech:
    case MenuAction::SpeechVolume:
    case MenuAction::Language:
      return true;
    default:
      return false;
  }
}

bool adjust_setting(platform::Settings& settings, MenuAction action, int direction) {
  const int step = direction == 0 ? 1 : direction;
  const bool wrap = direction == 0;
  auto stepped = [&](float value, float delta, float lo, float hi) {
    float v = value + delta * static_cast<float>(step);
    if (wrap && v > hi + 1e-4f) v = lo;
    return std::clamp(std::round(v * 100.f) / 100.f, lo, hi);
  };
  switch (action) {
    case MenuAction::TextSize:
      settings.text_scale =
          stepped(settings.text_scale, 0.25f, platform::kMinTextScale, platform::kMaxTextScale);
      return true;
    case MenuAction::TextSpeed:
      settings.text_speed = kTextSpeeds[stepped_index(speed_index(settings.text_speed), step, wrap,
                                                      std::size(kTextSpeeds))];
      return true;
    case MenuAction::Time: {
      const int i = stepped_index(time_index(settings), step, wrap, kTimeSteps);
      settings.time_unlimited = static_cast<size_t>(i) == std::size(kTimeScales);
      // Untimed keeps the clock at its own pace: nothing is chosen by it any more.
      settings.time_scale = settings.time_unlimited ? 1.0f : kTimeScales[i];
      return true;
    }
    case MenuAction::Cooldown:
      settings.cooldown = kCooldowns[stepped_index(nearest(kCooldowns, settings.cooldown), step,
                                                   wrap, std::size(kCooldowns))];
      return true;
    case MenuAction::Font:
      settings.face = static_cast<platform::TextFace>(
          stepped_index(static_cast<size_t>(settings.face), step, wrap, std::size(kFaceNames)));
      return true;
    case MenuAction::LineSpacing:
      settings.line_spacing = stepped(settings.line_spacing, 0.25f, platform::kMinLineSpacing,
                                      platform::kMaxLineSpacing);
      return true;
    case MenuAction::HighContrast:
      settings.high_contrast = !settings.high_contrast;
      return true;
    case MenuAction::Volume:
      settings.master_volume = stepped(settings.master_volume, 0.1f, 0.f, 1.f);
      return true;
    case MenuAction::Ambience:
      settings.ambience_volume = stepped(settings.ambience_volume, 0.1f, 0.f, 1.f);
      return true;
    case MenuAction::Effects:
      settings.effects_volume = stepped(settings.effects_volume, 0.1f, 0.f, 1.f);
      return true;
    case MenuAction::Music:
      settings.music_volume = stepped(settings.music_volume, 0.1f, 0.f, 1.f);
      return true;
    case MenuAction::SpeechVolume:
      settings.speech_volume = stepped(settings.speech_volume, 0.1f, 0.f, 1.f);
      return true;
    case MenuAction::Hints:
      settings.hints = !settings.hints;
      return true;
    case MenuAction::ReducedMotion:
      settings.reduced_motion = !settings.reduced_motion;
      return true;
    case MenuAction::Fullscreen:
      settings.fullscreen = !settings.fullscreen;
      return true;
    case MenuAction::Untimed:
      settings.untimed = !settings.untimed;
      return true;
    case MenuAction::Captions:
      settings.captions = !settings.captions;
      return true;
    case MenuAction::Speech: {
      const int n = static_cast<int>(std::size(kSpeeches));
      int i = static_cast<int>(settings.speech) + step;
      i = wrap ? (i + n) % n : std::clamp(i, 0, n - 1);
      settings.speech = kSpeeches[i];
      return true;
    }
    default:
      return false;
  }
}

void Menus::open(Screen screen) {
  screen_ = screen;
  selected_ = 0;
}

void Menus::open_history(const MenuFacts& facts, Screen back) {
  history_return_ = back;
  screen_ = Screen::History;
  const size_t count = entries(facts).size();
  selected_ = count >= 2 ? count - 2 : 0;  // the newest item, just above Back
}

void Menus::show_notice(std::string title, std::vector<std::string> lines, Screen back) {
  notice_title_ = std::move(title);
  notice_lines_ = std::move(lines);
  notice_return_ = back;
  open(Screen::Notice);
}

std::vector<MenuEntry> Menus::entries(const MenuFacts& f) const {
  using A = MenuAction;
  const platform::Settings& s = f.settings;
  const locale::UiText& ui = ui_of(f);
  auto row = [&](A action, Ui setting, std::string value) {
    return MenuEntry{action, ui(Ui::SettingsRow, {{"setting", ui(setting)}, {"value", value}})};
  };
  switch (screen_) {
    case Screen::Title: {
      std::vector<MenuEntry> items{{A::New, ui(Ui::MenuNew)}};
      if (f.autosave_exists) items.push_back({A::Continue, ui(Ui::MenuContinue)});
      items.push_back({A::Settings, ui(Ui::MenuSettings)});
      items.push_back({A::Quit, ui(Ui::MenuQuit)});
      return items;
    }
    case Screen::Paused:
      return {{A::Resume, ui(Ui::PauseResume)},
              {A::Settings, ui(Ui::MenuSettings)},
              {A::History, ui(Ui::PauseHistory)},
              {A::SaveAndQuit, ui(Ui::PauseSaveAndQuit)}};
    case Screen::History: {
      std::vector<MenuEntry> items;
      if (f.history) {
        for (const HistoryItem& h : *f.history) items.push_back({A::HistoryItem, h.text});
      }
      if (items.empty()) items.push_back({A::HistoryItem, ui(Ui::HistoryEmpty)});
      items.push_back({A::Back, ui(Ui::MenuBack)});
      return items;
    }
    case Screen::Settings: {
      const std::string face = kFaceNames[static_cast<size_t>(s.face)];
      return {
          row(A::TextSize, Ui::SettingsTextSize, percent(ui, s.text_scale)),
          row(A::TextSpeed, Ui::SettingsTextSpeed, ui(kTextSpeedNames[speed_index(s.text_speed)])),
          row(A::Volume, Ui::SettingsVolume, percent(ui, s.master_volume)),
          row(A::Ambience, Ui::SettingsRoomSound, percent(ui, s.ambience_volume)),
          row(A::Effects, Ui::SettingsEffects, percent(ui, s.effects_volume)),
          row(A::Music, Ui::SettingsMusic, percent(ui, s.music_volume)),
          row(A::Hints, Ui::SettingsHints, on_off(ui, s.hints)),
          row(A::ReducedMotion, Ui::SettingsReducedMotion, on_off(ui, s.reduced_motion)),
          row(A::Fullscreen, Ui::SettingsFullscreen, on_off(ui, s.fullscreen)),
          row(A::Untimed, Ui::SettingsUntimed, on_off(ui, s.untimed)),
          row(A::Time, Ui::SettingsTime, time_text(ui, s)),
          row(A::Cooldown, Ui::SettingsCooldown, cooldown_text(ui, s.cooldown)),
          row(A::Font, Ui::SettingsFont,
              face_missing(f) ? ui(Ui::ValueNotInstalled, {{"font", face}}) : face),
          row(A::LineSpacing, Ui::SettingsLineSpacing, percent(ui, s.line_spacing)),
          row(A::HighContrast, Ui::SettingsHighContrast, on_off(ui, s.high_contrast)),
          row(A::Captions, Ui::SettingsCaptions, on_off(ui, s.captions)),
          row(A::Speech, Ui::SettingsSpeech, ui(kSpeechNames[static_cast<size_t>(s.speech)])),
          row(A::SpeechVolume, Ui::SettingsSpeechVolume, percent(ui, s.speech_volume)),
          row(A::Language, Ui::SettingsLanguage, f.language_name),
          {A::Back, ui(Ui::MenuBack)}};
    }
    case Screen::Notice:
      return {{A::Dismiss, ui(Ui::NoticeContinue)}};
    case Screen::SaveFailed:
      return {{A::SaveAndQuit, ui(Ui::SaveFailedRetry)},
              {A::QuitWithoutSaving, ui(Ui::SaveFailedQuit)},
              {A::Resume, ui(Ui::SaveFailedBack)}};
    default:
      return {};
  }
}

std::vector<std::string> Menus::labels(const MenuFacts& facts) const {
  std::vector<std::string> labels;
  for (const MenuEntry& e : entries(facts)) labels.push_back(e.label);
  return labels;
}

std::string Menus::title(const MenuFacts& facts) const {
  switch (screen_) {
    case Screen::Title:
      return facts.story_title;
    case Screen::Paused:
      return ui_of(facts)(Ui::PauseTitle);
    case Screen::Settings:
      return ui_of(facts)(Ui::SettingsTitle);
    case Screen::Notice:
      return notice_title_;
    case Screen::SaveFailed:
      return ui_of(facts)(Ui::SaveFailedTitle);
    case Screen::History:
      return ui_of(facts)(Ui::HistoryTitle);
    default:
      return "";
  }
}

std::string Menus::footnote(const MenuFacts& facts) const {
  const locale::UiText& ui = ui_of(facts);
  switch (screen_) {
    case Screen::Settings:
      return ui(Ui::SettingsFootnote);
    case Screen::SaveFailed:
      return ui(Ui::SaveFailedWhy, {{"error", facts.save_error}});
    case Screen::Notice: {
      std::string text;
      for (const std::string& l : notice_lines_) text += (text.empty() ? "" : "\n") + l;
      return text;
    }
    case Screen::Ending:
      return ui(Ui::EndingFootnote);
    case Screen::History:
      return ui(Ui::HistoryFootnote);
    default:
      return "";
  }
}

bool Menus::scene_behind() const {
  return screen_ == Screen::Playing || screen_ == Screen::Paused || screen_ == Screen::Ending ||
         screen_ == Screen::SaveFailed ||
         (screen_ == Screen::Settings && settings_return_ == Screen::Paused) ||
         screen_ == Screen::History ||
         (screen_ == Screen::Notice && notice_return_ == Screen::Playing);
}

namespace {

// The layout of Renderer::draw_menu (engine/render/scene_menu.cpp): a title of 64 px rows, 50 px
// of air, then items of 34 px text on rows 1.6 times as tall, all scaled by the text size, and
// the footnote's 20 px rows 1.3 times as tall, 40 px above the foot. Rows are counted by the
// renderer's own wrapping (MenuFacts::rows), or without one estimated (an EB Garamond letter is
// about 0.45 em wide).
class Layout {
 public:
  Layout(const MenuFacts& facts, float scale) : f_(facts), scale_(scale) {}

  float item_height() const { return item_size() * 1.6f; }
  float title_height(const std::string& title) const {
    if (title.empty()) return 0;
    const float size = std::round(64 * scale_);
    return rows(title, size, story::kFrameWidth - 160) * size * 1.2f + 50;
  }
  // The rows an item's label wraps to (a 1080 px column).
  float label_rows(const std::string& label) const {
    return std::max(1.f, rows(label, item_size(), story::kFrameWidth - 200));
  }
  float footnote_top(const std::string& footnote) const {
    const float size = std::round(20 * scale_);
    const float n = std::max(1.f, rows(footnote, size, story::kFrameWidth - 160));
    return story::kFrameHeight - 40 - n * size * 1.3f;
  }
  // The room the items have: 60 px above, 30 px above the footnote.
  float items_room(const std::string& footnote) const { return footnote_top(footnote) - 90; }

 private:
  float item_size() const { return std::round(34 * scale_); }
  float rows(const std::string& text, float size, float column) const {
    if (text.empty()) return 0;
    if (f_.rows) return static_cast<float>(f_.rows(text, static_cast<unsigned>(size), column));
    float n = 0;
    size_t start = 0;
    while (start <= text.size()) {
      const size_t end = std::min(text.find('\n', start), text.size());
      const float width = static_cast<float>(end - start) * size * 0.45f;
      n += std::max(1.f, std::ceil(width / column));
      start = end + 1;
    }
    return n;
  }

  const MenuFacts& f_;
  float scale_;
};

// What the settings screen's footnote says when its rows are a window of them.
std::string more_settings(const MenuFacts& facts, const std::string& footnote) {
  return ui_of(facts)(Ui::SettingsMore) + " " + footnote;
}

}  // namespace

Menus::Window Menus::window(const MenuFacts& facts) const {
  const std::vector<MenuEntry> items = entries(facts);
  const size_t count = items.size();
  if (screen_ != Screen::History && screen_ != Screen::Settings) return {0, count};
  render::Style base;
  base.text_scale = facts.settings.text_scale;
  const Layout l(facts, style(facts, base).text_scale);
  const float item_h = l.item_height();
  float all = 0;
  for (const MenuEntry& e : items) all += l.label_rows(e.label);
  if (all * item_h <= l.items_room(footnote(facts)) - l.title_height(title(facts))) {
    return {0, count};
  }
  // A window of rows, with no title above them (the rows are what the player came for); a long
  // label takes more than one.
  const float fit = std::max(
      1.f,
      std::floor(l.items_room(screen_ == Screen::Settings ? more_settings(facts, footnote(facts))
                                                          : footnote(facts)) /
                 item_h));
  auto rows_of = [&](size_t i) { return l.label_rows(items[i].label); };
  float rows = 0;
  size_t first, last;
  if (screen_ == Screen::History) {
    // Read back from the newest: the rows up to the highlight and the one after it.
    last = std::min(count, selected_ + 2);
    first = last;
    while (first > 0 && (first == last || rows + rows_of(first - 1) <= fit)) {
      rows += rows_of(first - 1);
      --first;
    }
    if (first > selected_) {  // the row after it is too tall to show with it: from it down
      first = last = selected_;
      rows = 0;
    }
  } else {
    // The highlight stays a row from the window's edge, so the next row is always in sight.
    first = std::min(selected_ > 1 ? selected_ - 1 : 0, count - 1);
    last = first;
  }
  // Room left below (near the start of the History, the end of the settings): filled.
  while (last < count && (last == first || rows + rows_of(last) <= fit)) {
    rows += rows_of(last);
    ++last;
  }
  while (first > 0 && rows + rows_of(first - 1) <= fit) {
    rows += rows_of(first - 1);
    --first;
  }
  if (selected_ >= last) first = selected_, last = selected_ + 1;
  return {first, last - first};
}

story::Rect Menus::item_area(const MenuFacts& facts, size_t index) const {
  render::Style base;
  base.text_scale = facts.settings.text_scale;
  const Layout l(facts, style(facts, base).text_scale);
  const Window shown = window(facts);
  if (index < shown.first || index >= shown.first + shown.count) return {};
  const float item_h = l.item_height();
  // Rows, as draw_menu lays them: an item of a long label takes more than one.
  const std::vector<MenuEntry> items = entries(facts);
  float before = 0, rows = 0;
  for (size_t i = shown.first; i < shown.first + shown.count; ++i) {
    if (i < index) before += l.label_rows(items[i].label);
    rows += l.label_rows(items[i].label);
  }
  float y = std::max(60.f, story::kFrameHeight / 2 - 150 - rows * item_h / 2);
  if (!shown.clipped(items.size())) y += l.title_height(title(facts));
  return {story::kFrameWidth / 2 - 350, y + item_h * before - item_h * 0.2f, 700,
          item_h * l.label_rows(items[index].label)};
}

render::Style Menus::style(const MenuFacts& facts, render::Style st) const {
  // Menus follow the text size as far as the frame allows: a long menu at the largest size
  // would run off the bottom (title 64 px rows + 50 px, items 34 px × 1.6, a footnote line,
  // margins of 60 px above and 50 px below). The settings screen scrolls instead.
  if (screen_ == Screen::Settings) return st;
  if (screen_ == Screen::History) {
    // It scrolls too, but each line whole: smaller until the longest fits the window.
    auto fits = [&](float scale) {
      const Layout l(facts, scale);
      float most = 0;
      for (const MenuEntry& e : entries(facts)) most = std::max(most, l.label_rows(e.label));
      return most * l.item_height() <= l.items_room(footnote(facts));
    };
    while (st.text_scale > 0.5f && !fits(st.text_scale))
      st.text_scale = std::max(0.5f, st.text_scale - 0.05f);
    return st;
  }
  const std::vector<MenuEntry> items = entries(facts);
  const float fit = (story::kFrameHeight - 60 - 50 - 50) /
                    (64 * 1.2f + 26 + 34 * 1.6f * static_cast<float>(items.size()));
  st.text_scale = std::min(st.text_scale, std::max(0.75f, fit));
  // Then as the rows really wrap (a long title, a notice's lines): smaller until the items end
  // above the footnote, as far as the renderer's smallest size.
  auto fits = [&](float scale) {
    const Layout l(facts, scale);
    float rows = 0;
    for (const MenuEntry& e : items) rows += l.label_rows(e.label);
    const float top = std::max(60.f, story::kFrameHeight / 2 - 150 - rows * l.item_height() / 2);
    return top + l.title_height(title(facts)) + rows * l.item_height() <=
           l.footnote_top(footnote(facts)) - 10;
  };
  while (st.text_scale > 0.5f && !fits(st.text_scale))
    st.text_scale = std::max(0.5f, st.text_scale - 0.05f);
  return st;
}

std::optional<MenuChoice> Menus::handle(const sf::Event& event, const MenuFacts& facts,
                                        const platform::Letterbox& box) {
  const std::vector<MenuEntry> items = entries(facts);
  if (items.empty()) return std::nullopt;
  if (selected_ >= items.size()) selected_ = items.size() - 1;
  auto item_at = [&](int x, int y) -> int {
    const sf::Vector2f p =
        platform::window_to_frame(box, static_cast<float>(x), static_cast<float>(y));
    for (size_t i = 0; i < items.size(); ++i) {
      if (item_area(facts, i).contains(p.x, p.y)) return static_cast<int>(i);
    }
    return -1;
  };
  switch (event.type) {
    case sf::Event::KeyPressed:
      switch (event.key.code) {
        case sf::Keyboard::Up:
          selected_ = (selected_ + items.size() - 1) % items.size();
          return std::nullopt;
        case sf::Keyboard::Down:
        case sf::Keyboard::Tab:
          selected_ = (selected_ + (event.key.shift ? items.size() - 1 : 1)) % items.size();
          return std::nullopt;
        case sf::Keyboard::Left:
          return activate(facts, items[selected_].action, -1);
        case sf::Keyboard::Right:
          return activate(facts, items[selected_].action, +1);
        case sf::Keyboard::Enter:
        case sf::Keyboard::Space:
          return activate(facts, items[selected_].action, 0);
        case sf::Keyboard::Escape:
          if (screen_ == Screen::Paused) return activate(facts, MenuAction::Resume, 0);
          if (screen_ == Screen::Settings) return activate(facts, MenuAction::Back, 0);
          if (screen_ == Screen::Notice) return activate(facts, MenuAction::Dismiss, 0);
          if (screen_ == Screen::SaveFailed) return activate(facts, MenuAction::Resume, 0);
          if (screen_ == Screen::History) return activate(facts, MenuAction::Back, 0);
          return std::nullopt;
        case sf::Keyboard::H:
          if (screen_ == Screen::History) return activate(facts, MenuAction::Back, 0);
          return std::nullopt;
        default:
          return std::nullopt;
      }
    case sf::Event::MouseMoved: {
      const int i = item_at(event.mouseMove.x, event.mouseMove.y);
      if (i >= 0) selected_ = static_cast<size_t>(i);
      return std::nullopt;
    }
    case sf::Event::MouseButtonPressed: {
      const int i = item_at(event.mouseButton.x, event.mouseButton.y);
      if (i < 0) return std::nullopt;
      selected_ = static_cast<size_t>(i);
      return activate(facts, items[selected_].action,
                      event.mouseButton.button == sf::Mouse::Right ? -1 : 0);
    }
    case sf::Event::MouseWheelScrolled: {
      const int i = item_at(event.mouseWheelScroll.x, event.mouseWheelScroll.y);
      if (i < 0) {
        // Off the items, the wheel moves the highlight: through a window of rows, the rest.
        const int n = static_cast<int>(items.size());
        const int step = event.mouseWheelScroll.delta > 0 ? -1 : 1;
        selected_ = static_cast<size_t>(std::clamp(static_cast<int>(selected_) + step, 0, n - 1));
        return std::nullopt;
      }
      selected_ = static_cast<size_t>(i);
      return activate(facts, items[selected_].action, event.mouseWheelScroll.delta > 0 ? 1 : -1);
    }
    default:
      return std::nullopt;
  }
}

std::optional<MenuChoice> Menus::activate(const MenuFacts& facts, MenuAction action,
                                          int direction) {
  if (is_setting(action)) return MenuChoice{action, direction};
  if (direction != 0) return std::nullopt;
  switch (action) {
    case MenuAction::Settings:
      settings_return_ = screen_;
      open(Screen::Settings);
      return std::nullopt;
    case MenuAction::Back: {
      if (screen_ == Screen::History) {
        if (history_return_ == Screen::Playing) return MenuChoice{MenuAction::Resume, 0};
        open(history_return_);
        selected_ = 2;  // History, where the pause menu was left
        return std::nullopt;
      }
      const Screen back = settings_return_;
      open(back);
      if (back == Screen::Paused)
        selected_ = 1;
      else if (back == Screen::Title)
        selected_ = entries(facts).size() - 2;
      return std::nullopt;
    }
    case MenuAction::Dismiss:
      open(notice_return_);
      return std::nullopt;
    case MenuAction::HistoryItem:  // read, never chosen
      return std::nullopt;
    default:
      return MenuChoice{action, 0};
  }
}

void Menus::draw(sf::RenderTarget& target, render::Renderer& renderer, const MenuFacts& facts,
                 const render::Style& base) const {
  if (screen_ == Screen::Playing) return;
  if (screen_ == Screen::Ending) {
    renderer.draw_menu(target, "", {}, footnote(facts), base);
    return;
  }
  std::vector<render::Renderer::MenuItem> items;
  const std::vector<MenuEntry> m = entries(facts);
  const Window shown = window(facts);
  for (size_t i = shown.first; i < shown.first + shown.count && i < m.size(); ++i) {
    items.push_back({m[i].label, i == selected_});
  }
  const bool clipped = shown.clipped(m.size());
  const std::string note = clipped && screen_ == Screen::Settings
                               ? more_settings(facts, footnote(facts))
                               : footnote(facts);
  renderer.draw_menu(target, clipped ? "" : title(facts), items, note, style(facts, base));
}

}  // namespace threshold::game
