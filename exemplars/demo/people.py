"""Vocabulary of the sample generator: Vietnamese names, positions and sub-units of units.

All fictional.  Sub-units are listed per unit code of the shipped rulebooks;
any other unit gets the generic list.
"""

SURNAMES = (
    ("Nguyễn", 30), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 4), ("Huỳnh", 4), ("Phan", 4),
    ("Vũ", 3), ("Võ", 4), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 2), ("Hồ", 2), ("Ngô", 2), ("Dương", 1),
    ("Lý", 1), ("Trương", 1), ("Đinh", 1), ("Lâm", 1), ("Mai", 1), ("Tô", 1), ("Cao", 1),
)
MIDDLE_MALE = ("Văn", "Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Hoàng", "Ngọc", "Xuân", "Trọng", "Tấn")
MIDDLE_FEMALE = ("Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Phương", "Bích", "Hồng", "Diễm")
GIVEN_MALE = (
    "Hùng", "Dũng", "Tuấn", "Minh", "Quang", "Hải", "Long", "Nam", "Sơn", "Phúc", "Thắng", "Trung",
    "Khánh", "Bảo", "Hiếu", "Tài", "Lộc", "Thịnh", "Vinh", "Cường", "Đạt", "Huy", "Tâm", "Phong", "Nghĩa",
)
GIVEN_FEMALE = (
    "Lan", "Hương", "Hoa", "Mai", "Thảo", "Trang", "Linh", "Ngân", "Hạnh", "Yến", "Nhung", "Vy", "Hằng",
    "Dung", "Thủy", "Loan", "Phượng", "Trinh", "Tuyết", "Oanh", "Nhi", "Uyên", "Quyên", "Diệp",
)
#: Given names of older farmers ("Hộ ông Bảy").
GIVEN_FARMER = ("Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười", "Hai", "Út")

POSITIONS = (
    "Chuyên viên", "Chuyên viên", "Chuyên viên chính", "Chuyên viên", "Cán sự", "Kế toán viên",
    "Kỹ sư", "Viên chức", "Nhân viên", "Phó Trưởng phòng",
)
#: First word(s) of a sub-unit → title of its head.
HEAD_TITLES = (
    ("Phòng", "Trưởng phòng"), ("Tổ", "Tổ trưởng"), ("Đội", "Đội trưởng"), ("Trạm", "Trạm trưởng"),
    ("Hạt", "Hạt trưởng"), ("Ban", "Trưởng ban"), ("Bộ phận", "Trưởng bộ phận"), ("Xí nghiệp", "Giám đốc Xí nghiệp"),
    ("Chi đoàn", "Bí thư Chi đoàn"), ("Công đoàn", "Chủ tịch Công đoàn bộ phận"), ("Văn phòng", "Chánh Văn phòng"),
)
PARTY_ROLES = ("Đảng viên", "Chi ủy viên", "Đoàn viên", "Ủy viên Ban Chấp hành Công đoàn")

GENERIC_SUBUNITS = (
    "Tổ Tổng hợp", "Tổ Hành chính – Quản trị", "Tổ Pháp chế", "Tổ Thanh tra, kiểm tra", "Tổ Công nghệ thông tin",
    "Tổ Kế toán", "Bộ phận Một cửa", "Tổ Văn thư – Lưu trữ", "Tổ Thống kê", "Tổ Truyền thông",
    "Chi đoàn cơ quan", "Tổ Công đoàn số 1", "Tổ Công đoàn số 2", "Tổ Nghiệp vụ 1", "Tổ Nghiệp vụ 2",
    "Tổ Nghiệp vụ 3",
)

SUBUNITS = {
    # Ban Quản lý các KCN Đồng Nai
    "VP": ("Tổ Tổng hợp – Thi đua", "Tổ Hành chính – Quản trị", "Tổ Kế toán – Tài vụ", "Bộ phận Tiếp nhận và trả kết quả",
           "Tổ Văn thư – Lưu trữ", "Tổ Công nghệ thông tin", "Chi đoàn Văn phòng"),
    "QLDN": ("Tổ Quản lý doanh nghiệp KCN Biên Hòa", "Tổ Quản lý doanh nghiệp KCN Nhơn Trạch",
             "Tổ Quản lý doanh nghiệp KCN Long Thành", "Tổ Xuất nhập khẩu và xác nhận ưu đãi", "Tổ Thống kê – Báo cáo"),
    "QLDT": ("Tổ Xúc tiến đầu tư", "Tổ Cấp giấy chứng nhận đầu tư", "Tổ Thẩm định dự án",
             "Tổ Theo dõi, giám sát dự án", "Tổ Hỗ trợ nhà đầu tư"),
    "QLXD": ("Tổ Quy hoạch", "Tổ Cấp phép xây dựng", "Tổ Thẩm định thiết kế", "Tổ Kiểm tra công trình",
             "Tổ Hạ tầng kỹ thuật"),
    "QLMT": ("Tổ Thẩm định môi trường", "Tổ Kiểm tra, giám sát môi trường", "Tổ Quan trắc",
             "Tổ Quản lý chất thải", "Tổ Tài nguyên đất"),
    "QLLD": ("Tổ Quản lý lao động nước ngoài", "Tổ Tiền lương – Quan hệ lao động", "Tổ An toàn vệ sinh lao động",
             "Tổ Giải quyết tranh chấp lao động", "Tổ Thỏa ước lao động tập thể"),
    "TTDV": ("Phòng Tư vấn đầu tư", "Phòng Dịch vụ việc làm", "Phòng Hành chính – Tổng hợp",
             "Tổ Dịch vụ kho bãi", "Tổ Đào tạo nghề", "Tổ Chăm sóc khách hàng"),
    "CDCS": ("Tổ Công đoàn Văn phòng", "Tổ Công đoàn khối quản lý nhà nước", "Tổ Công đoàn Trung tâm",
             "Ban Nữ công", "Ban Thanh tra nhân dân", "Chi đoàn Thanh niên"),
    # Sở Nông nghiệp và Phát triển nông thôn
    "VPS": ("Tổ Tổng hợp", "Tổ Hành chính – Quản trị", "Tổ Pháp chế", "Bộ phận Một cửa", "Tổ Thi đua – Khen thưởng",
            "Tổ Công nghệ thông tin"),
    "KHTC": ("Tổ Kế hoạch", "Tổ Tài chính – Ngân sách", "Tổ Đầu tư xây dựng cơ bản", "Tổ Thống kê", "Tổ Tài sản công"),
    "TCCB": ("Tổ Tổ chức bộ máy", "Tổ Cán bộ – Đào tạo", "Tổ Chế độ chính sách", "Tổ Thanh tra nội bộ",
             "Tổ Cải cách hành chính"),
    "CCTL": ("Phòng Quản lý công trình thủy lợi", "Phòng Phòng chống thiên tai", "Đội Quản lý đê điều",
             "Trạm Quan trắc mặn", "Phòng Kỹ thuật – Thẩm định"),
    "CCPTNT": ("Phòng Kinh tế hợp tác và trang trại", "Phòng Ngành nghề nông thôn", "Phòng Quy hoạch bố trí dân cư",
               "Tổ Nước sạch nông thôn", "Tổ Nông thôn mới"),
    "CCCNTY": ("Trạm Chăn nuôi và Thú y Củ Chi", "Trạm Chăn nuôi và Thú y Hóc Môn", "Đội Kiểm dịch động vật",
               "Phòng Dịch tễ", "Phòng Quản lý thuốc thú y", "Trạm Chẩn đoán xét nghiệm"),
    "CCTTBVTV": ("Trạm Trồng trọt và BVTV Củ Chi", "Trạm Trồng trọt và BVTV Bình Chánh", "Phòng Kiểm dịch thực vật",
                 "Phòng Trồng trọt", "Tổ Giám định sinh vật hại"),
    "CCKL": ("Hạt Kiểm lâm Cần Giờ", "Hạt Kiểm lâm liên huyện", "Đội Kiểm lâm cơ động và PCCCR",
             "Phòng Quản lý bảo vệ rừng", "Trạm Kiểm lâm Đồng Hòa"),
    "TTKN": ("Phòng Kỹ thuật nông nghiệp", "Phòng Thông tin tuyên truyền", "Trạm Khuyến nông Củ Chi",
             "Trạm Khuyến nông Cần Giờ", "Tổ Chuyển giao tiến bộ kỹ thuật"),
    "CTTL": ("Xí nghiệp Thủy lợi Củ Chi", "Xí nghiệp Thủy lợi Hóc Môn", "Phòng Kỹ thuật", "Đội Vận hành cống",
             "Phòng Kế hoạch – Kinh doanh"),
    "BQLDA": ("Phòng Kế hoạch – Tổng hợp", "Phòng Kỹ thuật – Thẩm định", "Ban Điều hành dự án số 1",
              "Ban Điều hành dự án số 2", "Phòng Giải phóng mặt bằng"),
}

#: Units whose work reaches farmers: they also nominate households, co-op groups and co-operatives.
FARM_FACING = frozenset({"CCTL", "CCPTNT", "CCCNTY", "CCTTBVTV", "CCKL", "TTKN", "CTTL"})

COMMUNES = (
    "xã Tân Thạnh Đông", "xã Phước Hiệp", "xã Nhuận Đức", "xã Bình Lợi", "xã Tân Nhựt", "xã An Thới Đông",
    "xã Lý Nhơn", "xã Xuân Thới Thượng", "xã Tân Thông Hội", "xã Phạm Văn Cội", "xã Thái Mỹ", "xã Hòa Phú",
)
PRODUCE = (
    "rau an toàn", "hoa lan", "bò sữa", "dê thịt", "cá cảnh", "nấm rơm", "mai vàng", "tôm thẻ chân trắng",
    "bưởi da xanh", "dưa lưới nhà màng", "heo an toàn sinh học", "cây kiểng",
)


def head_title(collective: str) -> str:
    """Title of the head of a sub-unit, from its first word(s)."""
    return next((t for prefix, t in HEAD_TITLES if collective.startswith(prefix + " ")), "Trưởng bộ phận")
