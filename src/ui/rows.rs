//! A list row of two lines that uses the panel's whole width: the first line in
//! the body colour, the second weaker, each cut with an ellipsis where it does not
//! fit, and the full text in a tooltip. Fixed height, so long lists can draw only
//! their visible rows (`ScrollArea::show_rows`).

use egui::{Response, Role, Sense, TextWrapMode, WidgetInfo, WidgetText};

/// Draws one selectable two-line row; the response is clicked like a button (and
/// can take the keyboard focus: `id` lets the app put it there). `name` is its
/// accessible name: the logical text, even where `first` is laid out in visual
/// order for right-to-left script.
pub fn two_line_row(
    ui: &mut egui::Ui,
    id: egui::Id,
    selected: bool,
    name: &str,
    first: impl Into<WidgetText>,
    second: impl Into<WidgetText>,
    height: f32,
) -> Response {
    let first: WidgetText = first.into();
    let second: WidgetText = second.into();
    let (rect, _) =
        ui.allocate_exact_size(egui::vec2(ui.available_width(), height), Sense::hover());
    let response = ui.interact(rect, id, Sense::click());
    response.widget_info(|| WidgetInfo::selected(Role::Button, ui.is_enabled(), selected, name));
    if ui.is_rect_visible(rect) {
        let pad = ui.spacing().button_padding;
        let width = (rect.width() - 2.0 * pad.x).max(8.0);
        let visuals = ui.style().interact_selectable(&response, selected);
        if selected || response.hovered() || response.has_focus() {
            ui.painter()
                .rect_filled(rect, visuals.corner_radius, visuals.weak_bg_fill);
        }
        let top = first.into_galley(
            ui,
            Some(TextWrapMode::Truncate),
            width,
            egui::TextStyle::Button,
        );
        let bottom = second.into_galley(
            ui,
            Some(TextWrapMode::Truncate),
            width,
            egui::TextStyle::Small,
        );
        let y0 = rect.top() + (height - top.size().y - bottom.size().y) / 2.0;
        let text_color = visuals.text_color();
        ui.painter()
            .galley(egui::pos2(rect.left() + pad.x, y0), top.clone(), text_color);
        ui.painter().galley(
            egui::pos2(rect.left() + pad.x, y0 + top.size().y),
            bottom,
            ui.visuals().weak_text_color(),
        );
    }
    response
}
