"""Achievement summaries, initiatives and effects for sample candidates, per field (lĩnh vực).

Placeholders: {n} a count, {pct} a percentage, {year} the registration year,
{produce} a farm product, {commune} a commune.  Fields not listed use GENERIC.
"""

GENERIC: dict[str, tuple[str, ...]] = {
    "achievements": (
        "Hoàn thành xuất sắc {n} nhiệm vụ trọng tâm được giao trong năm {year}, bảo đảm tiến độ và chất lượng; "
        "không để tồn đọng hồ sơ, công việc.",
        "Chủ động tham mưu, đề xuất {n} văn bản hướng dẫn nghiệp vụ; các chỉ tiêu được giao đều vượt kế hoạch, có chỉ tiêu vượt {pct}%.",
    ),
    "initiatives": ("Sổ tay hướng dẫn nghiệp vụ điện tử", "Cách làm hay trong theo dõi tiến độ công việc bằng bảng tính dùng chung"),
    "effects": ("Rút ngắn thời gian xử lý công việc khoảng {pct}%, được đồng nghiệp áp dụng rộng rãi.",),
}

BY_FIELD: dict[str, dict[str, tuple[str, ...]]] = {
    "Chuyên môn, nghiệp vụ": {
        "achievements": (
            "Hoàn thành vượt {pct}% chỉ tiêu chuyên môn năm {year}; thẩm định, xử lý {n} hồ sơ "
            "đúng hạn, không có hồ sơ trễ hẹn.",
            "Tham mưu xây dựng {n} quy trình nội bộ; chủ trì tập huấn nghiệp vụ cho cán bộ, công chức của đơn vị.",
        ),
        "initiatives": ("Quy trình kiểm tra chéo hồ sơ trước khi trình ký", "Bộ biểu mẫu chuẩn hóa báo cáo định kỳ"),
        "effects": ("Giảm {pct}% hồ sơ phải trả lại để bổ sung; tiết kiệm thời gian tổng hợp báo cáo.",),
    },
    "Cải cách hành chính": {
        "achievements": (
            "Giải quyết {n} hồ sơ thủ tục hành chính, 100% đúng hạn, trong đó {n} hồ sơ tiếp nhận trực tuyến; "
            "không có phản ánh, kiến nghị của tổ chức, cá nhân.",
            "Rà soát, đề xuất đơn giản hóa {n} thủ tục hành chính; tích cực triển khai dịch vụ công trực tuyến toàn trình.",
        ),
        "initiatives": ("Tra cứu tiến độ hồ sơ qua mã QR trên phiếu hẹn", "Phiếu hướng dẫn một lần, đầy đủ cho từng thủ tục"),
        "effects": ("Rút ngắn thời gian giải quyết thủ tục {pct}% so với quy định; tăng mức độ hài lòng của người dân, doanh nghiệp.",),
    },
    "Thu hút đầu tư": {
        "achievements": (
            "Tham gia xúc tiến, hỗ trợ {n} dự án đầu tư mới vào các khu công nghiệp; thời gian cấp giấy chứng nhận "
            "đầu tư rút ngắn {pct}% so với thời hạn quy định.",
            "Hỗ trợ nhà đầu tư tháo gỡ {n} vướng mắc về thủ tục, mặt bằng, lao động; không để dự án chậm triển khai do thủ tục.",
        ),
        "initiatives": ("Bộ tài liệu giới thiệu môi trường đầu tư bằng ba thứ tiếng", "Nhóm hỗ trợ nhà đầu tư trực tuyến"),
        "effects": ("Góp phần thu hút vốn đầu tư vượt {pct}% kế hoạch năm.",),
    },
    "Quản lý doanh nghiệp, lao động": {
        "achievements": (
            "Kiểm tra, hướng dẫn {n} doanh nghiệp thực hiện pháp luật lao động; phối hợp giải quyết dứt điểm các vụ "
            "tranh chấp lao động, không để xảy ra đình công kéo dài.",
            "Theo dõi, cập nhật tình hình hoạt động của {n} doanh nghiệp; báo cáo thống kê chính xác, đúng hạn.",
        ),
        "initiatives": ("Cơ sở dữ liệu lao động nước ngoài cập nhật hằng tuần", "Mô hình đối thoại định kỳ tại doanh nghiệp"),
        "effects": ("Giảm {pct}% số vụ tranh chấp lao động so với năm trước.",),
    },
    "Quản lý môi trường": {
        "achievements": (
            "Thẩm định {n} hồ sơ môi trường đúng hạn; kiểm tra, giám sát việc xử lý nước thải tại các khu công nghiệp, "
            "100% doanh nghiệp đấu nối đúng quy định.",
            "Phối hợp xử lý kịp thời {n} phản ánh về ô nhiễm môi trường của người dân.",
        ),
        "initiatives": ("Theo dõi quan trắc tự động nước thải qua bảng điều khiển chung", "Sổ tay tự kiểm tra môi trường cho doanh nghiệp"),
        "effects": ("Phát hiện sớm các trường hợp vượt chuẩn; giảm {pct}% thời gian kiểm tra tại hiện trường.",),
    },
    "Đảng, đoàn thể": {
        "achievements": (
            "Tổ chức {n} hoạt động của Chi bộ, Công đoàn, Chi đoàn; tổ chức Đảng, đoàn thể được xếp loại hoàn thành "
            "tốt nhiệm vụ; thực hiện tốt việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
            "Vận động đoàn viên, hội viên tham gia {n} phong trào thi đua; {n} đoàn viên đạt danh hiệu Lao động tiên tiến.",
        ),
        "initiatives": ("Mô hình «Mỗi tháng một việc làm theo lời Bác»", "Sinh hoạt chuyên đề trực tuyến của Chi đoàn"),
        "effects": ("Nâng cao chất lượng sinh hoạt; số đoàn viên tham gia thường xuyên tăng {pct}%.",),
    },
    "Người tốt, việc tốt": {
        "achievements": (
            "Nhặt được tài sản có giá trị và trả lại cho người đánh rơi; kịp thời giúp đỡ người bị nạn trên đường đi công tác.",
            "Tích cực tham gia hiến máu tình nguyện {n} lần; giúp đỡ đồng nghiệp có hoàn cảnh khó khăn.",
        ),
        "initiatives": ("", ""),
        "effects": ("Lan tỏa tinh thần tương thân tương ái trong cơ quan và địa phương.",),
    },
    "Phong trào văn hóa, thể thao": {
        "achievements": (
            "Tham gia hội thao, hội diễn văn nghệ của ngành, đạt {n} giải; tích cực tổ chức hoạt động thể thao cho đoàn viên.",
        ),
        "initiatives": ("Câu lạc bộ thể thao giờ nghỉ trưa",),
        "effects": ("Tạo không khí vui tươi, gắn kết; số cán bộ rèn luyện thường xuyên tăng {pct}%.",),
    },
    "Hoạt động nhân đạo, từ thiện": {
        "achievements": (
            "Vận động quyên góp ủng hộ quỹ Vì người nghèo, học bổng cho {n} học sinh có hoàn cảnh khó khăn; tổ chức "
            "thăm, tặng quà gia đình chính sách.",
        ),
        "initiatives": ("Tủ sách và học bổng «Tiếp bước đến trường»",),
        "effects": ("Hỗ trợ {n} hộ gia đình khó khăn ổn định cuộc sống.",),
    },
    "Nghiên cứu khoa học, ứng dụng KHCN": {
        "achievements": (
            "Chủ nhiệm, tham gia {n} đề tài, dự án khoa học cấp cơ sở, cấp ngành; kết quả được chuyển giao cho nông dân áp dụng.",
            "Ứng dụng tiến bộ kỹ thuật mới vào sản xuất, năng suất tăng {pct}% so với phương pháp cũ.",
        ),
        "initiatives": ("Quy trình tưới nhỏ giọt tiết kiệm nước cho {produce}", "Chế phẩm sinh học xử lý phụ phẩm nông nghiệp"),
        "effects": ("Giảm {pct}% chi phí sản xuất, nâng cao thu nhập cho người dân nông thôn.",),
    },
    "Lao động sản xuất": {
        "achievements": (
            "Sản xuất {produce} theo hướng an toàn, năng suất tăng {pct}%; liên kết tiêu thụ ổn định, giải quyết việc làm cho {n} lao động.",
            "Mạnh dạn đầu tư nhà màng, máy móc; thu nhập bình quân vượt {pct}% so với năm trước.",
        ),
        "initiatives": ("Mô hình sản xuất {produce} ứng dụng công nghệ cao", "Liên kết chuỗi tiêu thụ {produce} với doanh nghiệp"),
        "effects": ("Thu nhập tăng khoảng {pct}%; nhiều hộ trong {commune} đến học tập, làm theo.",),
    },
    "Thủy lợi, phòng chống thiên tai": {
        "achievements": (
            "Vận hành an toàn {n} công trình thủy lợi, chủ động ngăn triều cường, xâm nhập mặn, bảo vệ sản xuất.",
            "Tham gia ứng phó kịp thời {n} đợt triều cường, mưa lớn; không để xảy ra thiệt hại về người.",
        ),
        "initiatives": ("Theo dõi mực nước qua cảm biến và tin nhắn cảnh báo", "Lịch vận hành cống theo con nước"),
        "effects": ("Bảo vệ an toàn {n} ha sản xuất; giảm {pct}% chi phí vận hành.",),
    },
    "Chăn nuôi, thú y": {
        "achievements": (
            "Tổ chức tiêm phòng cho {n} con gia súc, gia cầm; kiểm soát tốt dịch bệnh, không để dịch lây lan.",
            "Hướng dẫn {n} hộ chăn nuôi áp dụng quy trình an toàn sinh học.",
        ),
        "initiatives": ("Sổ theo dõi tiêm phòng điện tử cho hộ chăn nuôi", "Mô hình chăn nuôi an toàn sinh học khép kín"),
        "effects": ("Tỷ lệ đàn được tiêm phòng đạt trên 95%; thiệt hại do dịch bệnh giảm {pct}%.",),
    },
    "Trồng trọt, bảo vệ thực vật": {
        "achievements": (
            "Dự tính, dự báo sâu bệnh kịp thời; hướng dẫn {n} hộ áp dụng quản lý dịch hại tổng hợp (IPM).",
            "Xây dựng {n} mô hình trình diễn giống mới, năng suất tăng {pct}%.",
        ),
        "initiatives": ("Bẫy sinh học phòng trừ sâu hại trên {produce}", "Nhật ký đồng ruộng điện tử"),
        "effects": ("Giảm {pct}% lượng thuốc bảo vệ thực vật sử dụng.",),
    },
    "Lâm nghiệp, kiểm lâm": {
        "achievements": (
            "Tuần tra, bảo vệ rừng, không để xảy ra cháy rừng; phát hiện, xử lý {n} vụ vi phạm lâm luật.",
        ),
        "initiatives": ("Bản đồ số vùng trọng điểm cháy rừng", "Tổ tự quản bảo vệ rừng cộng đồng"),
        "effects": ("Diện tích rừng được bảo vệ an toàn; giảm {pct}% số vụ vi phạm.",),
    },
    "Khuyến nông, xây dựng nông thôn mới": {
        "achievements": (
            "Tổ chức {n} lớp tập huấn kỹ thuật cho nông dân; hỗ trợ {commune} giữ vững tiêu chí nông thôn mới nâng cao.",
            "Xây dựng {n} mô hình khuyến nông hiệu quả, được nông dân nhân rộng.",
        ),
        "initiatives": ("Lớp học hiện trường cho nông dân trồng {produce}", "Nhóm tư vấn khuyến nông trên mạng xã hội"),
        "effects": ("Thu nhập người tham gia mô hình tăng {pct}%.",),
    },
    "Kinh tế hợp tác": {
        "achievements": (
            "Hỗ trợ thành lập, củng cố {n} tổ hợp tác, hợp tác xã; liên kết tiêu thụ sản phẩm {produce} ổn định.",
            "Tổ chức sản xuất tập trung, quy mô {n} ha; doanh thu tăng {pct}% so với năm trước.",
        ),
        "initiatives": ("Mô hình hợp tác xã liên kết chuỗi giá trị {produce}", "Bếp ăn và kho lạnh dùng chung của tổ hợp tác"),
        "effects": ("Thành viên tăng thu nhập {pct}%; giải quyết việc làm cho {n} lao động địa phương.",),
    },
    "Công tác xã hội, an sinh xã hội": {
        "achievements": (
            "Vận động hỗ trợ {n} hộ nghèo, cận nghèo vươn lên; tham gia xây dựng nhà tình thương tại {commune}.",
        ),
        "initiatives": ("Mô hình «Tổ hợp tác giúp nhau thoát nghèo»",),
        "effects": ("{n} hộ thoát nghèo bền vững.",),
    },
}

HOUSEHOLD_ACHIEVEMENTS = (
    "Hộ sản xuất {produce} giỏi nhiều năm liền tại {commune}; áp dụng tiến bộ kỹ thuật, thu nhập tăng {pct}%; "
    "giúp đỡ {n} hộ khó khăn về giống, kỹ thuật.",
    "Chuyển đổi cây trồng, vật nuôi sang {produce}, sản xuất an toàn, đảm bảo vệ sinh môi trường; tích cực "
    "tham gia các phong trào của địa phương.",
)
GROUP_ACHIEVEMENTS = (
    "Tổ chức sản xuất {produce} tập trung, liên kết tiêu thụ với doanh nghiệp; doanh thu tăng {pct}%, "
    "bảo đảm việc làm cho {n} thành viên.",
)
